package dev.openenvbench.env;

import dev.openenvbench.protocol.StepResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An environment whose calls never block, like a Python environment that overrides {@code
 * reset_async}/{@code step_async}: on {@code /ws} the server calls {@link #reset}, {@link #state}
 * and {@link #stepAsync} on the connection's event loop, with no thread hand-off, and a step that
 * takes time completes its future later (from {@code timer}) instead of holding a thread.
 *
 * <p>That is how the benchmark environment answers a {@code wait_seconds} step within a fraction of
 * a millisecond of the requested time. HTTP requests still use the blocking {@link #step}.
 * Implementations must not block in any method: a blocked event loop stalls every connection on it.
 */
public interface NonBlockingEnvironment extends Environment {
  /**
   * Applies an action already accepted by {@link EnvironmentType#validateAction}.
   *
   * @param timer for completing the step later; its tasks run on another thread, but never at the
   *     same time as another call of this instance (the server makes no call until the step has
   *     completed)
   */
  CompletableFuture<StepResult> stepAsync(
      Map<String, Object> action, ScheduledExecutorService timer);
}
