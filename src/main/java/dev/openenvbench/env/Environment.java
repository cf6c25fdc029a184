package dev.openenvbench.env;

import dev.openenvbench.protocol.StepResult;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One environment instance: the Java counterpart of OpenEnv's Python {@code Environment}.
 *
 * <p>Threading: the server calls an instance from one thread at a time, in order (a session's calls
 * never overlap), but not always from the same thread. Methods may block (sleep, I/O); the server
 * runs them off its event loops. An exception from reset/step/state becomes an EXECUTION_ERROR on
 * {@code /ws} and an HTTP 500, and the session stays open.
 */
public interface Environment extends AutoCloseable {
  /**
   * Starts an episode.
   *
   * @param options the keys the client sent ({@code data} on {@code /ws}, the body on HTTP); an
   *     environment uses those it understands and ignores the rest, as Python's server drops
   *     keyword arguments that {@code reset} does not declare
   */
  StepResult reset(ObjectNode options) throws Exception;

  /** Applies an action already accepted by {@link EnvironmentType#validateAction}. */
  StepResult step(Map<String, Object> action) throws Exception;

  /** The state object: {@code episode_id}, {@code step_count}, then any fields of its own. */
  Map<String, Object> state() throws Exception;

  /** Releases the instance; called once, also after failures. Must not throw. */
  @Override
  void close();
}
