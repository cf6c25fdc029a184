package dev.openenvbench.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sessions of a cell that have started and not finished. When the cell stops early (Ctrl-C, the
 * server went away, a file could not be written), {@link #stop} hands over those still running, so
 * each is recorded once, as unfinished, and a session that finishes a moment later is not recorded
 * a second time; sessions a ramp would start later are not started at all. Thread-safe: sessions
 * start and finish on event loops, the cell stops on its own thread.
 */
final class InFlight {
  /**
   * When and where a session started, on the run's clock; {@code intendedNanos} is when an
   * open-loop schedule meant it to start ({@link SessionTimeline#NOT_REACHED} in a batch).
   */
  record Started(Target target, long nanos, long intendedNanos) {}

  private final Map<Integer, Started> running = new LinkedHashMap<>();
  private boolean stopped;

  /** Marks a session started; false once the cell has stopped (then it must not start). */
  synchronized boolean started(int requestId, Target target, long nanos, long intendedNanos) {
    if (stopped) return false;
    running.put(requestId, new Started(target, nanos, intendedNanos));
    return true;
  }

  /** Marks a session finished: how it started, or null when it was handed over as unfinished. */
  synchronized Started finished(int requestId) {
    return running.remove(requestId);
  }

  /** Stops the cell: no session starts any more; returns those still running, by request id. */
  synchronized Map<Integer, Started> stop() {
    stopped = true;
    Map<Integer, Started> unfinished = new TreeMap<>(running);
    running.clear();
    return unfinished;
  }
}
