package dev.openenvbench.loadgen;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds sessions between reset and their first step (the {@code --barrier} option). Each of the
 * {@code parties} sessions either {@link #arrive arrives} (reset done) or {@link #leave leaves}
 * (failed before that); when all have done one or the other, every waiting step is released at
 * once. An {@link #open() open} gate releases each arrival immediately. Thread-safe; release
 * actions run on the thread that completes the gate (or a paced release's own) and must be quick.
 *
 * <p>A barrier may let its steps go at a pace ({@link PacedRelease}) rather than in one burst.
 *
 * <p>A barrier's sessions also close together: {@link #closes()} holds each one's close after its
 * last reply until every session has had its last reply or failed. Their replies fall due in the
 * same instant, and a close (its frames, the server's answer, the socket's end, the row) costs both
 * sides more than a reply: done as each reply came, the closes of the first replied kept the rest
 * of the replies waiting, and at N = 19,000 on two cores the step was measured 1.9 s late instead
 * of 0.4 s (docs/benchmarks.md, "Where a barrier's late steps come from").
 */
public final class StepGate {
  private final int parties;
  private final List<Runnable> waiting = new ArrayList<>();
  private final StepGate closes;
  private final double releasePerSecond;
  private PacedRelease paced;
  private int arrived;
  private int left;
  private boolean released;

  private StepGate(int parties, boolean released, StepGate closes, double releasePerSecond) {
    this.parties = parties;
    this.released = released;
    this.closes = closes == null ? this : closes;
    this.releasePerSecond = releasePerSecond;
  }

  public static StepGate open() {
    return new StepGate(0, true, null, 0);
  }

  public static StepGate barrier(int parties) {
    return barrier(parties, 0);
  }

  /**
   * @param releasePerSecond how many of the held steps it lets go per second once all have arrived
   *     or left ({@link PacedRelease}); 0 = all in one burst. The closes are let go together.
   */
  public static StepGate barrier(int parties, double releasePerSecond) {
    return new StepGate(
        parties, parties == 0, new StepGate(parties, parties == 0, null, 0), releasePerSecond);
  }

  /**
   * Where a session waits after its last reply before it closes: open for an open gate; for a
   * barrier, released when each of the parties has arrived there or left (failed before its last
   * reply).
   */
  public StepGate closes() {
    return closes;
  }

  public void arrive(Runnable release) {
    List<Runnable> toRun;
    synchronized (this) {
      if (released) {
        toRun = List.of(release);
      } else {
        waiting.add(release);
        arrived++;
        toRun = releaseIfComplete();
      }
    }
    toRun.forEach(Runnable::run);
  }

  public void leave() {
    List<Runnable> toRun;
    synchronized (this) {
      if (released) return;
      left++;
      toRun = releaseIfComplete();
    }
    toRun.forEach(Runnable::run);
  }

  /** Whether an arrival may have to wait: false for an open gate, or one already released. */
  public synchronized boolean holds() {
    return !released;
  }

  /** Releases everyone now (abort), so no session waits forever; its closes too. */
  public void releaseAll() {
    if (closes != this) closes.releaseAll();
    List<Runnable> toRun;
    synchronized (this) {
      released = true;
      toRun = List.copyOf(waiting);
      waiting.clear();
      if (paced != null) paced.hurry();
    }
    toRun.forEach(Runnable::run);
  }

  private List<Runnable> releaseIfComplete() {
    if (arrived + left < parties) return List.of();
    released = true;
    List<Runnable> all = List.copyOf(waiting);
    waiting.clear();
    if (releasePerSecond <= 0 || all.size() < 2) return all;
    paced = new PacedRelease(all, releasePerSecond);
    paced.start();
    return List.of();
  }
}
