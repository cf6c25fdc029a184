package dev.openenvbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The fixture folders of src/test/resources/formats/, one per format version (README there). */
public final class FormatFixtures {
  private FormatFixtures() {}

  /** The folder of a version: {@code seed}, {@code v1}, {@code v2}. */
  public static Path folder(String version) {
    try {
      return Path.of(FormatFixtures.class.getResource("/formats/" + version).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of a version's folder under {@code dir}, to append to or damage. */
  public static Path copy(String version, Path dir) {
    Path from = folder(version);
    Path to = dir.resolve(version);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }
}
