package dev.openenvbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a small whole file so that a reader sees the old one or the new one, never half: the text
 * goes to {@code <name>.tmp} beside it, which is then renamed over it (atomic within one file
 * system, shared ones included).
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes {@code text} to {@code file}, creating its folder; a failure names the file. */
  public static Path write(Path file, String text) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(tmp, text);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new OutputWriteException(file, e);
    }
    return file;
  }
}
