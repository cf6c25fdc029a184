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

  public StepResult {
    observation = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(observation));
  }

  /** {@code {"observation":…,"reward":…,"done":…}} as sent on {@code /ws} (reward as produced). */
  public Map<String, Object> wsData() {
    return body(reward);
  }

  /** The HTTP body: FastAPI's response model coerces reward to {@code float|null}. */
  public Map<String, Object> httpBody() {
    Object floatReward =
        switch (reward) {
          case null -> null;
          case Boolean b -> b ? 1.0 : 0.0;
          case Number n -> n.doubleValue();
          default -> reward;
        };
    return body(floatReward);
  }

  private Map<String, Object> body(Object rewardValue) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(OBSERVATION, observation);
    m.put(REWARD, rewardValue);
    m.put(DONE, done);
    return m;
  }
}
