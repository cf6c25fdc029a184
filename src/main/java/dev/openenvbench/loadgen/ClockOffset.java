package dev.openenvbench.loadgen;

import dev.openenvbench.results.OutputWriteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;

/**
 * This host's wall clock against the clock of the file server behind a shared folder: a file
 * written there gets its modification time from the server (NFS does; a file system whose clients
 * stamp their own time would read an offset of about 0 whatever the skew), so comparing it with the
 * local clock read just before and after the write gives the local clock's offset, as NTP does with
 * one round trip. The best of a few tries (the shortest round trip) is kept.
 *
 * <p>The error is at most half the round trip plus the file system's timestamp granularity: a local
 * file system stamps from the kernel's coarse clock (a few ms behind), one that stamps to the
 * second can be wrong by up to a second: such an offset is recorded but not {@code applied}.
 *
 * @param seconds this host's wall clock minus the reference clock (positive = this host is ahead)
 * @param reference what it was measured against and how well, for the run manifest
 * @param applied whether the schedule corrects this host's waits by it ({@link #referenceClock})
 */
public record ClockOffset(double seconds, String reference, boolean applied) {
  private static final int TRIES = 5;

  /** Measures against {@code dir}'s file server (a file {@code clock-<index>} is left there). */
  public static ClockOffset measure(Path dir, int index) {
    Path file = dir.resolve("clock-" + index);
    Duration bestRoundTrip = null;
    Duration bestOffset = null;
    boolean wholeSeconds = true;
    try {
      Files.createDirectories(dir);
      for (int i = 0; i < TRIES; i++) {
        Instant before = Instant.now();
        Files.writeString(file, before + "\n");
        Instant stamped = Files.getLastModifiedTime(file).toInstant();
        Instant after = Instant.now();
        Duration roundTrip = Duration.between(before, after);
        wholeSeconds &= stamped.getNano() == 0;
        if (bestRoundTrip == null || roundTrip.compareTo(bestRoundTrip) < 0) {
          bestRoundTrip = roundTrip;
          bestOffset = Duration.between(stamped, before.plus(roundTrip.dividedBy(2)));
        }
      }
    } catch (IOException e) {
      throw new OutputWriteException(file, e);
    }
    String reference =
        String.format(
            Locale.ROOT,
            "mtime of a file written to %s (its file server's clock), ±%.3f s%s",
            dir,
            bestRoundTrip.toNanos() / 2e9,
            wholeSeconds
                ? " + up to 1 s: the file system stamps whole seconds, so not applied"
                : "");
    return new ClockOffset(bestOffset.toNanos() / 1e9, reference, !wholeSeconds);
  }

  /**
   * The reference clock as this host sees it: the local wall clock less the offset, so that a host
   * 0.3 s ahead waits 0.3 s longer for a shared instant; the local clock when not {@code applied}.
   */
  public InstantSource referenceClock() {
    if (!applied) return InstantSource.system();
    Duration shift = Duration.ofNanos(Math.round(-seconds * 1e9));
    return InstantSource.offset(InstantSource.system(), shift);
  }
}
