package dev.openenvbench.server;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
   * event loop), counted in flight until its future completes.
   */
  <T> CompletableFuture<T> runHere(NonBlockingCall<T> call) {
    metrics.callStarted();
    CompletableFuture<T> result;
    try {
      result = call.start();
    } catch (Throwable t) {
      result = CompletableFuture.failedFuture(t);
    }
    return result.whenComplete((value, failure) -> metrics.callEnded());
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
