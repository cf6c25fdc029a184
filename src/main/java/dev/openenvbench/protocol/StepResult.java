package dev.openenvbench.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What reset and step return: the observation fields (in the Observation class's declaration order,
 * without {@code done}, {@code reward} or {@code metadata}), the reward and done flag. {@link
 * ServerReplyParser} reads both encodings back.
 *
 * @param reward null, a Number or a Boolean, passed through as produced on {@code /ws}
 */
public record StepResult(Map<String, Object> observation, Object reward, boolean done) {
  static final String OBSERVATION = "observation";
  static final String REWARD = "reward";
  static final String DONE = "done";
  static final String METADATA = "metadata";

  public StepResult {
    observation = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(observation));
  }

  /** {@code {"observation":…,"reward":…,"done":…}} as sent on {@code /ws} (reward as produced). */
  public Map<String, Object> wsData() {
    return body(reward, false);
  }

  /**
   * As sent on {@code /ws} by an OpenEnv release with observation metadata (0.4+) when {@code
   * withMetadata}: the observation starts with {@code "metadata":{}}. The top-level {@code
   * metadata} those releases add only when non-empty is never sent, as ours is always empty.
   */
  public Map<String, Object> wsData(boolean withMetadata) {
    return body(reward, withMetadata);
  }

  /** The HTTP body of the 0.2/0.3 wire; see {@link #httpBody(boolean)}. */
  public Map<String, Object> httpBody() {
    return httpBody(false);
  }

  /**
   * The HTTP body: FastAPI's response model coerces reward to {@code float|null}. With {@code
   * withMetadata} (0.4+) the observation starts with {@code "metadata":{}} and the body ends with
   * {@code "metadata":null}.
   */
  public Map<String, Object> httpBody(boolean withMetadata) {
    Object floatReward =
        switch (reward) {
          case null -> null;
          case Boolean b -> b ? 1.0 : 0.0;
          case Number n -> n.doubleValue();
          default -> reward;
        };
    Map<String, Object> m = body(floatReward, withMetadata);
    if (withMetadata) {
      m.put(METADATA, null);
    }
    return m;
  }

  private Map<String, Object> body(Object rewardValue, boolean withMetadata) {
    Map<String, Object> fields = observation;
    if (withMetadata) {
      fields = new LinkedHashMap<>();
      fields.put(METADATA, Map.of());
      fields.putAll(observation);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(OBSERVATION, fields);
    m.put(REWARD, rewardValue);
    m.put(DONE, done);
    return m;
  }
}
