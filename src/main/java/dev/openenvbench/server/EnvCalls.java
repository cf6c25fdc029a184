package dev.openenvbench.server;

import dev.openenvbench.env.Environment;
import dev.openenvbench.env.NonBlockingEnvironment;
import dev.openenvbench.env.NonBlockingEnvironment.TimedStep;
import dev.openenvbench.protocol.StepResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs environment code off the event loops, one virtual thread per call, and counts the calls in
 * flight (for {@code /metrics} and for graceful shutdown). A sleeping step therefore holds no OS
 * thread and no event loop: 20,000 of them cost a few KB each.
 *
 * <p>Every call is a {@link Call}: a future that completes only once the call no longer uses its
 * environment, and that a session whose client went away can {@link Call#stop() stop}. What the
 * session does after it (the next call, {@code close()}) therefore never overlaps it.
 *
 * <p>Per-session ordering is the caller's job: a session submits its next call only after the
 * previous reply was written.
 */
final class EnvCalls implements AutoCloseable {
  /** A call in progress, or done. Thread-safe. */
  abstract static sealed class Call<T> extends CompletableFuture<T> {
    /**
     * Asks the call to end early: a call on a thread is interrupted (it ends when the environment
     * code returns, so the future may complete later), a reply waiting for its time is dropped at
     * once. Counted in {@code openenv_calls_cancelled_total} when it was still running.
     */
    abstract void stop();
  }

  /** The call of a non-blocking environment, which ran on the caller's thread. */
  private static final class Done<T> extends Call<T> {
    @Override
    void stop() {}
  }

  private final ExecutorService threads =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("env-", 0).factory());
  private final ServerMetrics metrics;

  EnvCalls(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  <T> Call<T> submit(Callable<T> call) {
    OnThread<T> task = new OnThread<>(call);
    metrics.callStarted();
    try {
      threads.execute(task);
    } catch (RejectedExecutionException stopped) {
      // Shutting down: the call never runs, and its caller gets a failed future, not a throw.
      metrics.callEnded();
      task.completeExceptionally(stopped);
    }
    return task;
  }

  /**
   * Runs a call of {@code env}'s: on the calling thread (an event loop) if the environment never
   * blocks, else on a virtual thread. A call that throws gives a failed future.
   */
  <T> Call<T> callFor(Environment env, Callable<T> call) {
    if (!(env instanceof NonBlockingEnvironment)) {
      return submit(call);
    }
    Done<T> done = new Done<>();
    try {
      done.complete(call.call());
    } catch (Throwable t) {
      done.completeExceptionally(t);
    }
    return done;
  }

  /**
   * Steps any environment on the calling thread: a non-blocking one says how long its step takes, a
   * blocking one has taken that time when it returns. Either way {@link TimedStep#takes()} is the
   * environment's share of the step, which the server's own step overhead leaves out.
   */
  static TimedStep timedStep(Environment env, Map<String, Object> action) throws Exception {
    if (env instanceof NonBlockingEnvironment nonBlocking) {
      return nonBlocking.timedStep(action);
    }
    long begin = System.nanoTime();
    var result = env.step(action);
    // Already taken: deliver() finds the reply due at once.
    return new TimedStep(result, Duration.ofNanos(System.nanoTime() - begin));
  }

  /**
   * Delivers a step's reply on time: encodes it at once, completes with it when the step's time,
   * counted from {@code start} ({@link System#nanoTime()}), is up, then records the step's
   * duration. {@code loop} should be the connection's event loop: its timer is precise ({@link
   * dev.openenvbench.transport.PreciseTimers}), and a reply completed there is written before the
   * task ends. Counted in flight until then, so a graceful shutdown waits for the reply; a stopped
   * delivery fails with a {@link CancellationException} and is no longer in flight.
   */
  <T> Call<T> deliver(
      TimedStep step, long start, Function<StepResult, T> encode, ScheduledExecutorService loop) {
    Timed<T> due = new Timed<>(encode.apply(step.result()), start);
    metrics.callStarted();
    long delay = start + step.takes().toNanos() - System.nanoTime();
    if (delay > 0) {
      due.timer = loop.schedule(due, delay, TimeUnit.NANOSECONDS);
    } else {
      due.run();
    }
    return due;
  }

  /** A call on its own virtual thread; stopping it interrupts that thread. */
  private final class OnThread<T> extends Call<T> implements Runnable {
    private final Callable<T> call;
    private volatile Thread runner;
    private volatile boolean stopped;

    OnThread(Callable<T> call) {
      this.call = call;
    }

    @Override
    public void run() {
      runner = Thread.currentThread();
      if (stopped) {
        runner.interrupt(); // stopped before it started: the call sees the interrupt at once
      }
      try {
        complete(call.call());
      } catch (Throwable t) {
        completeExceptionally(t);
      } finally {
        runner = null;
        metrics.callEnded();
      }
    }

    @Override
    void stop() {
      if (isDone() || stopped) {
        return;
      }
      stopped = true;
      metrics.callCancelled();
      Thread running = runner;
      if (running != null) {
        running.interrupt();
      }
    }
  }

  /** A reply waiting for its step's time on the connection's event loop. */
  private final class Timed<T> extends Call<T> implements Runnable {
    private final T reply;
    private final long start;
    private volatile ScheduledFuture<?> timer;

    Timed(T reply, long start) {
      this.reply = reply;
      this.start = start;
    }

    @Override
    public void run() {
      try {
        complete(reply);
        metrics.stepCompleted(System.nanoTime() - start);
      } finally {
        metrics.callEnded();
      }
    }

    @Override
    void stop() {
      ScheduledFuture<?> pending = timer;
      if (pending != null && pending.cancel(false)) {
        metrics.callCancelled();
        metrics.callEnded();
        completeExceptionally(new CancellationException("the client went away"));
      }
    }
  }

  /** Waits until no call is running or the deadline passes; true if all finished. */
  boolean awaitIdle(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (metrics.stepsInFlight() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return true;
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
