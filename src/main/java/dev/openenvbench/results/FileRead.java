package dev.openenvbench.results;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a reader made of one file: how many rows it read and whether it skipped a torn last line (a
 * write cut short by a crash, a kill or a full disk), which every reader reports.
 */
public record FileRead(Path file, long rows, int tornLinesSkipped) {
  /** The sentence to show a user when something was skipped. */
  public Optional<String> notice() {
    if (tornLinesSkipped == 0) return Optional.empty();
    return Optional.of(
        file
            + ": skipped a torn last line (a write cut short by a crash or a full disk); "
            + rows
            + " complete row(s) read");
  }
}
