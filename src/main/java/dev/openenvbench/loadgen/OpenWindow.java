package dev.openenvbench.loadgen;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * How many of a batch cell's sessions are opening (TCP connect, TLS, upgrade) at once; each one
 * that has opened (sent its reset) or failed before it did lets the next start. On two cores,
 * 10,000 sessions opened at once keep both processes' event loops busy with connects and upgrades,
 * and a step reply that falls due waits behind them: the step is measured hundreds of milliseconds
 * late (docs/benchmarks.md, "An open window at N = 10,000"). The connects take as long as they
 * must; the steps are measured as the server answered them. The reset is not part of the turn: a
 * user's environment may take seconds to reset, and the next connect need not wait for that.
 *
 * <p>A fixed window ({@code --open-window W}) keeps W opening. The default ({@code auto}, for
 * WebSocket cells without a barrier: {@code CellRunner} says why) finds its own width as TCP Vegas
 * does: it starts at {@link #AUTO_START} and widens by one for each session that got ready to send
 * its reset (connect, TLS, upgrade) within twice the fastest such time seen in the cell plus {@link
 * #AUTO_SLACK_NANOS}, and narrows by one for each that took longer: queues building on either side
 * (accept queue, event loops, CPU) show there first. On a machine where the harness and the server
 * share two cores it stays near {@link #AUTO_START}; against a remote deployment, where every
 * opening waits round trips, it doubles with each opening's time until the server's queue shows.
 */
final class OpenWindow {
  /** {@code auto}'s first width, and the narrowest it gets. */
  static final int AUTO_START = 8;

  /** Jitter allowed above twice the fastest opening before it counts as a queue. */
  static final long AUTO_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final int sessions;
  private final IntConsumer start;
  private final Executor starter;
  private final boolean adaptive;
  // Guarded by this: turns come back from every event loop of the transport.
  private int next;
  private int opening;
  private int width;
  private long fastest = Long.MAX_VALUE;

  private OpenWindow(
      int sessions, int width, boolean adaptive, IntConsumer start, Executor starter) {
    this.sessions = sessions;
    this.width = width;
    this.adaptive = adaptive;
    this.start = start;
    this.starter = starter;
  }

  /**
   * @param start starts the cell's i-th session (0-based)
   * @param starter where {@code start} runs: never on the caller's stack, since a session that
   *     fails at once (a dead server refuses its connect) would start the next from inside its own
   *     failure, and thousands of them nest until the stack overflows
   */
  static OpenWindow fixed(int sessions, int width, IntConsumer start, Executor starter) {
    return new OpenWindow(sessions, Math.max(1, width), false, start, starter);
  }

  /** {@code auto}: see the class comment. */
  static OpenWindow adaptive(int sessions, IntConsumer start, Executor starter) {
    return new OpenWindow(sessions, AUTO_START, true, start, starter);
  }

  /** Starts the first turns. */
  synchronized void open() {
    fill();
  }

  /** A session opened: {@code readyNanos} is how long it took from its start to send its reset. */
  synchronized void opened(long readyNanos) {
    opening--;
    if (adaptive && readyNanos >= 0) {
      fastest = Math.min(fastest, readyNanos);
      if (readyNanos <= 2 * fastest + AUTO_SLACK_NANOS) {
        width = Math.min(width + 1, sessions);
      } else {
        width = Math.max(AUTO_START, width - 1);
      }
    }
    fill();
  }

  /** A session failed before it sent its reset: its turn goes on, and {@code auto} halves it. */
  synchronized void failed() {
    opening--;
    if (adaptive) width = Math.max(AUTO_START, width / 2);
    fill();
  }

  /**
   * A session failed after its turn but before its reset was answered (the server refused it at
   * capacity, or the reset timed out): {@code auto} halves its width, as for a failure before.
   */
  synchronized void failedAfterTurn() {
    if (adaptive) width = Math.max(AUTO_START, width / 2);
  }

  /** The width now (for the tests and the cell's record). */
  synchronized int width() {
    return width;
  }

  private void fill() {
    while (opening < width && next < sessions) {
      opening++;
      int i = next++;
      starter.execute(() -> start.accept(i));
    }
  }
}
