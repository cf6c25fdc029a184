package dev.openenvbench.loadgen;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * {@code --open-window W}: a batch cell's sessions start W at a time, and each one that has opened
 * (its reset done) or failed before it did starts the next. On two cores, 10,000 sessions opened at
 * once keep both processes' event loops busy with connects and upgrades, and a step reply that
 * falls due waits behind them: the step is measured hundreds of milliseconds late (docs/
 * benchmarks.md, "An open window at N = 10,000"). The connects take as long as they must; the steps
 * are measured as the server answered them.
 */
final class OpenWindow {
  private final int sessions;
  private final IntConsumer start;
  private final Executor starter;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * @param start starts the cell's i-th session (0-based)
   * @param starter where {@code start} runs: never on the caller's stack, since a session that
   *     fails at once (a dead server refuses its connect) would start the next from inside its own
   *     failure, and thousands of them nest until the stack overflows
   */
  OpenWindow(int sessions, IntConsumer start, Executor starter) {
    this.sessions = sessions;
    this.start = start;
    this.starter = starter;
  }

  /** Starts the first {@code width}. */
  void open(int width) {
    for (int k = 0; k < width; k++) next();
  }

  /** Starts the next session waiting for a turn, if any is left. */
  void next() {
    int i = next.getAndIncrement();
    if (i < sessions) starter.execute(() -> start.accept(i));
  }
}
