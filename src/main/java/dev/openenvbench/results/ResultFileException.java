package dev.openenvbench.results;

import java.nio.file.Path;

/**
 * A result file that cannot be read or appended to as it is: malformed in the middle, written by a
 * newer version, or laid out by another tool. Bad input, not a bug: the message names the file (and
 * line) and what to do, in one line.
 */
public final class ResultFileException extends IllegalArgumentException {
  public ResultFileException(Path file, long line, String problem) {
    super(file + ":" + line + ": " + problem);
  }

  public ResultFileException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
