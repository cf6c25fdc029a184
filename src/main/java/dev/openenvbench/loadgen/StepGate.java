package dev.openenvbench.loadgen;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds sessions between reset and their first step (the {@code --barrier} option). Each of the
 * {@code parties} sessions either {@link #arrive arrives} (reset done) or {@link #leave leaves}
 * (failed before that); when all have done one or the other, every waiting step is released at
 * once. An {@link #open() open} gate releases each arrival immediately. Thread-safe; release
 * actions run on the thread that completes the gate and must only hand work to an event loop.
 */
public final class StepGate {
  private final int parties;
  private final List<Runnable> waiting = new ArrayList<>();
  private int arrived;
  private int left;
  private boolean released;

  private StepGate(int parties, boolean released) {
    this.parties = parties;
    this.released = released;
  }

  public static StepGate open() {
    return new StepGate(0, true);
  }

  public static StepGate barrier(int parties) {
    return new StepGate(parties, parties == 0);
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

  /** Releases everyone now (abort), so no session waits forever. */
  public void releaseAll() {
    List<Runnable> toRun;
    synchronized (this) {
      released = true;
      toRun = List.copyOf(waiting);
      waiting.clear();
    }
    toRun.forEach(Runnable::run);
  }

  private List<Runnable> releaseIfComplete() {
    if (arrived + left < parties) return List.of();
    released = true;
    List<Runnable> all = List.copyOf(waiting);
    waiting.clear();
    return all;
  }
}
