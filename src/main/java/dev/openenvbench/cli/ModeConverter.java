package dev.openenvbench.cli;

import dev.openenvbench.loadgen.CellPlan;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --mode}'s value as a {@link CellPlan.Mode}, by {@link CellPlan.Mode#parse} (which also
 * takes {@code websocket}, and any case, unlike picocli's enum conversion). A bad value is a
 * parameter error: exit 2 with picocli's one-line "Invalid value for option '--mode': expected
 * ...".
 */
final class ModeConverter implements ITypeConverter<CellPlan.Mode> {
  @Override
  public CellPlan.Mode convert(String value) {
    try {
      return CellPlan.Mode.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
