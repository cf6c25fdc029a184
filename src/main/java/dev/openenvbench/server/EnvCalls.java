package dev.openenvbench.server;

import dev.openenvbench.env.Environment;
import dev.openenvbench.env.NonBlockingEnvironment;
import dev.openenvbench.env.NonBlockingEnvironment.TimedStep;
import dev.openenvbench.protocol.StepResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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

  /**
   * Runs a call of {@code env}'s: on the calling thread (an event loop) if the environment never
   * blocks, else on a virtual thread. A call that throws gives a failed future.
   */
  <T> CompletableFuture<T> callFor(Environment env, Callable<T> call) {
    if (!(env instanceof NonBlockingEnvironment)) {
      return submit(call);
    }
    try {
      return CompletableFuture.completedFuture(call.call());
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
  }

  /**
   * Steps any environment on the calling thread: a non-blocking one says how long its step takes, a
   * blocking one has taken that time when it returns.
   */
  static TimedStep timedStep(Environment env, Map<String, Object> action) throws Exception {
    return env instanceof NonBlockingEnvironment nonBlocking
        ? nonBlocking.timedStep(action)
        : new TimedStep(env.step(action), Duration.ZERO);
  }

  /**
   * Delivers a step's reply on time: encodes it at once, completes with it when the step's time,
   * counted from {@code start} ({@link System#nanoTime()}), is up, then records the step's
   * duration. {@code loop} should be the connection's event loop: its timer is precise ({@link
   * dev.openenvbench.transport.PreciseTimers}), and a reply completed there is written before the
   * task ends. Counted in flight until then, so a graceful shutdown waits for the reply.
   */
  <T> CompletableFuture<T> deliver(
      TimedStep step, long start, Function<StepResult, T> encode, ScheduledExecutorService loop) {
    T reply = encode.apply(step.result());
    CompletableFuture<T> due = new CompletableFuture<>();
    metrics.callStarted();
    Runnable complete =
        () -> {
          try {
            due.complete(reply);
            metrics.stepCompleted(System.nanoTime() - start);
          } finally {
            metrics.callEnded();
          }
        };
    long delay = start + step.takes().toNanos() - System.nanoTime();
    if (delay > 0) {
      loop.schedule(complete, delay, TimeUnit.NANOSECONDS);
    } else {
      complete.run();
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
