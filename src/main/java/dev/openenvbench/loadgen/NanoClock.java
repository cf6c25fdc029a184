package dev.openenvbench.loadgen;

/**
 * The one monotonic clock every phase stamp of a run comes from. Production uses {@link
 * System#nanoTime()}; tests inject a scripted clock to check each phase exactly.
 */
@FunctionalInterface
public interface NanoClock {
  NanoClock SYSTEM = System::nanoTime;

  long nanoTime();
}
