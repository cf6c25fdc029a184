package dev.openenvbench.server;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs environment code off the event loops, one virtual thread per call, and counts the calls in
 * flight (for {@code /metrics} and for graceful shutdown). A sleeping step therefore holds no OS
 * thread and no event loop: 20,000 of them cost a few KB each.
 *
 * <p>Per-session ordering is the caller's job: a session submits its next call only after the
 * previous reply was written.
 */
final class EnvCalls implements AutoCloseable {
  private final ExecutorService threads =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("env-", 0).factory());
  private final ServerMetrics metrics;

  EnvCalls(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  <T> CompletableFuture<T> submit(Callable<T> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    metrics.callStarted();
    threads.execute(
        () -> {
          try {
            result.complete(call.call());
          } catch (Throwable t) {
            result.completeExceptionally(t);
          } finally {
            metrics.callEnded();
          }
        });
    return result;
  }

  /** A call that starts its work and returns at once, without blocking. */
  interface NonBlockingCall<T> {
    CompletableFuture<T> start() throws Exception;
  }

  /**
   * Runs a call of a {@link dev.openenvbench.env.NonBlockingEnvironment} on the calling thread (an
   * event loop); a call that throws gives a failed future. Not counted in flight: it is over when
   * it returns, and what it leaves pending is counted by {@link #completeAt}.
   */
  <T> CompletableFuture<T> runHere(NonBlockingCall<T> call) {
    try {
      return call.start();
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
  }

  /**
   * Completes with {@code value} at {@code dueNanos} ({@link System#nanoTime()}), or at once if
   * that has passed, and then runs {@code afterwards}. This is how a timed step's reply, ready
   * early, leaves on time. {@code loop} should be the connection's event loop: its timer is precise
   * ({@link dev.openenvbench.transport.PreciseTimers}), and a reply completed there is written
   * before the task ends. Counted in flight until then, so a graceful shutdown waits for the reply.
   */
  <T> CompletableFuture<T> completeAt(
      ScheduledExecutorService loop, long dueNanos, T value, Runnable afterwards) {
    CompletableFuture<T> due = new CompletableFuture<>();
    metrics.callStarted();
    Runnable deliver =
        () -> {
          try {
            due.complete(value);
            afterwards.run();
          } finally {
            metrics.callEnded();
          }
        };
    long delay = dueNanos - System.nanoTime();
    if (delay > 0) {
      loop.schedule(deliver, delay, TimeUnit.NANOSECONDS);
    } else {
      deliver.run();
    }
    return due;
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
