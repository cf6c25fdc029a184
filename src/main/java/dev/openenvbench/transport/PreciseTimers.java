package dev.openenvbench.transport;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.ThreadAwareExecutor;
import java.time.Duration;

/**
 * Makes an event loop's scheduled tasks run on time by polling instead of sleeping just before they
 * are due.
 *
 * <p>Why: waking a sleeping thread is slow on a virtual machine. Here a loop whose timer is due in
 * 100 ms runs its task 0.2–0.4 ms late, and that lateness lands in every measured step (the
 * benchmark environment's {@code wait_seconds} is such a timer). So when the loop's next task is
 * due within {@code lead}, the loop wakes {@code lead} early and then polls its sockets without
 * blocking until the task has run: I/O is still served while it waits, and the task runs within
 * microseconds of its deadline.
 *
 * <p>Polling burns CPU, so it is rationed: each loop may poll for at most {@code share} of its wall
 * time (a token bucket holding at most {@link #BURST}). Under load the ration runs out and the loop
 * sleeps as Netty's own does; that is also when lateness is swamped by queueing anyway. An idle
 * loop with no timers never polls.
 */
public final class PreciseTimers implements IoHandlerFactory {
  /** The most polling a loop may save up, so that a long idle spell buys no long spin. */
  static final Duration BURST = Duration.ofMillis(5);

  private static final long BURST_NANOS = BURST.toNanos();

  private final IoHandlerFactory delegate;
  private final long leadNanos;
  private final double share;

  /**
   * @param lead how long before a task is due the loop stops sleeping; must cover how late a
   *     sleeping thread wakes on this machine
   * @param share the fraction of wall time each loop may spend polling, in (0, 1]
   */
  public PreciseTimers(IoHandlerFactory delegate, Duration lead, double share) {
    if (lead.isNegative() || !(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("lead must be ≥ 0 and share in (0, 1]");
    }
    this.delegate = delegate;
    this.leadNanos = lead.toNanos();
    this.share = share;
  }

  @Override
  public IoHandler newHandler(ThreadAwareExecutor executor) {
    return new Handler(delegate.newHandler(executor));
  }

  @Override
  public boolean isChangingThreadSupported() {
    return delegate.isChangingThreadSupported();
  }

  /** Confined to its loop's thread, like every IoHandler. */
  private final class Handler implements IoHandler {
    private final IoHandler io;
    private long lastRun = System.nanoTime();
    private boolean polledLastRun;
    private long creditNanos = BURST_NANOS;

    Handler(IoHandler io) {
      this.io = io;
    }

    @Override
    public int run(IoHandlerContext context) {
      long now = System.nanoTime();
      long sinceLastRun = now - lastRun;
      lastRun = now;
      // Earn a share of the time since the last run; if that run polled, the whole time counts
      // as polling (with running what the poll found) and is paid for.
      creditNanos += (long) (sinceLastRun * share) - (polledLastRun ? sinceLastRun : 0);
      creditNanos = Math.min(creditNanos, BURST_NANOS);
      polledLastRun = false;
      if (!context.canBlock() || context.deadlineNanos() == -1 || creditNanos <= 0) {
        return io.run(context);
      }
      long delay = context.delayNanos(now);
      if (delay <= leadNanos) {
        polledLastRun = true;
        return io.run(Adjusted.polling(context));
      }
      return io.run(Adjusted.wakingEarly(context, leadNanos));
    }

    @Override
    public void initialize() {
      io.initialize();
    }

    @Override
    public void prepareToDestroy() {
      io.prepareToDestroy();
    }

    @Override
    public void destroy() {
      io.destroy();
    }

    @Override
    public IoRegistration register(IoHandle handle) throws Exception {
      return io.register(handle);
    }

    @Override
    public void wakeup() {
      io.wakeup();
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
      return io.isCompatible(handleType);
    }
  }

  /**
   * The loop's context as this decorator wants Netty to see it: either polling ({@code canBlock}
   * false, deadline unchanged) or sleeping until {@code leadNanos} before the next deadline.
   */
  private record Adjusted(IoHandlerContext context, boolean mayBlock, long leadNanos)
      implements IoHandlerContext {
    static Adjusted polling(IoHandlerContext context) {
      return new Adjusted(context, false, 0);
    }

    static Adjusted wakingEarly(IoHandlerContext context, long leadNanos) {
      return new Adjusted(context, true, leadNanos);
    }

    /**
     * Asked live, never answered from a value read earlier: Netty announces that the loop will
     * sleep and only then asks again, so that a task handed over in between (whose {@code wakeup()}
     * saw the loop still awake and did nothing) keeps the loop from sleeping.
     */
    @Override
    public boolean canBlock() {
      return mayBlock && context.canBlock();
    }

    @Override
    public long delayNanos(long currentTimeNanos) {
      return Math.max(0, context.delayNanos(currentTimeNanos) - leadNanos);
    }

    @Override
    public long deadlineNanos() {
      return context.deadlineNanos() - leadNanos;
    }

    @Override
    public void reportActiveIoTime(long activeNanos) {
      context.reportActiveIoTime(activeNanos);
    }

    @Override
    public boolean shouldReportActiveIoTime() {
      return context.shouldReportActiveIoTime();
    }
  }
}
