package dev.openenvbench.cli;

import dev.openenvbench.loadgen.Segment;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --segment I/K} as a {@link Segment}, by {@link Segment#parse}; a bad value is exit 2. */
final class SegmentConverter implements ITypeConverter<Segment> {
  @Override
  public Segment convert(String value) {
    try {
      return Segment.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
