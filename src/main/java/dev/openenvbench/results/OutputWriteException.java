package dev.openenvbench.results;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A result or report file could not be written (disk full, read-only folder, no permission). The
 * CLI maps it to its own exit code, so that a CI job can tell "the output is unusable" from a
 * failed measurement; the message names the file and the system's reason in one line.
 */
public final class OutputWriteException extends RuntimeException {
  private final transient Path file;

  public OutputWriteException(Path file, IOException cause) {
    super("cannot write " + file + ": " + reason(cause), cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** The system's words ("No space left on device"), not Java's exception class. */
  private static String reason(IOException e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
