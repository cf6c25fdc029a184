package dev.openenvbench.env;

import dev.openenvbench.protocol.StepResult;
import java.time.Duration;
import java.util.Map;

/**
 * An environment whose calls never block, like a Python environment that overrides {@code
 * reset_async}/{@code step_async}: on {@code /ws} the server calls it on the connection's event
 * loop, with no thread hand-off. A step that takes time does not sleep; it returns its result at
 * once together with how long the step takes, and the server sends the result that long after the
 * step began (on {@code /ws} and HTTP alike).
 *
 * <p>That is how the benchmark environment answers a {@code wait_seconds} step a fraction of a
 * millisecond after the requested time: the server encodes the reply while the wait runs, and the
 * connection's event loop writes it when it is due. Implementations must not block in any method: a
 * blocked event loop stalls every connection on it.
 */
public interface NonBlockingEnvironment extends Environment {
  /** A step's result, and how long the step takes before the result may be delivered. */
  record TimedStep(StepResult result, Duration takes) {}

  /** Applies an action already accepted by {@link EnvironmentType#validateAction}. */
  TimedStep timedStep(Map<String, Object> action);

  /** For callers that hold a thread anyway: sleeps for the step's time. */
  @Override
  default StepResult step(Map<String, Object> action) throws InterruptedException {
    TimedStep step = timedStep(action);
    if (step.takes().isPositive()) {
      Thread.sleep(step.takes());
    }
    return step.result();
  }
}
