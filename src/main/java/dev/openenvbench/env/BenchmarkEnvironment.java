package dev.openenvbench.env;

import dev.openenvbench.protocol.BenchmarkAction;
import dev.openenvbench.protocol.BenchmarkObservation;
import dev.openenvbench.protocol.StepResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * One benchmark episode. Its identity is a random UUID fixed at construction ({@code episode_id},
 * unchanged by reset); {@code session_hash} is the first 12 hex digits of that UUID's SHA-256, so a
 * client can count distinct sessions without seeing ids.
 *
 * <p>A step takes {@code wait_seconds}: its observation is ready at once, and the server delivers
 * it when the wait is over ({@link NonBlockingEnvironment}).
 */
final class BenchmarkEnvironment implements NonBlockingEnvironment {
  private final HostIdentity host;
  private final String payload;
  private final String episodeId = UUID.randomUUID().toString();
  private final String sessionHash = sha256Prefix(episodeId);
  private int stepCount;

  /**
   * @param payload the observation's {@code payload} field ({@link BenchmarkProfile}), or null for
   *     the seed's observation
   */
  BenchmarkEnvironment(HostIdentity host, String payload) {
    this.host = host;
    this.payload = payload;
  }

  @Override
  public StepResult reset(ObjectNode options) {
    stepCount = 0;
    return result(0.0);
  }

  @Override
  public TimedStep timedStep(Map<String, Object> action) {
    double waitSeconds = (Double) action.get(BenchmarkAction.WAIT_SECONDS);
    stepCount++;
    // The guard on wait_seconds keeps this finite and far below Long.MAX_VALUE nanoseconds.
    Duration takes = Duration.ofNanos(Math.max(0, Math.round(waitSeconds * 1e9)));
    return new TimedStep(result(waitSeconds), takes);
  }

  @Override
  public Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("episode_id", episodeId);
    state.put("step_count", stepCount);
    return state;
  }

  @Override
  public void close() {}

  private StepResult result(double waitedSeconds) {
    BenchmarkObservation obs =
        new BenchmarkObservation(waitedSeconds, host.pid(), sessionHash, host.hostUrl(), stepCount);
    Map<String, Object> fields = obs.fields();
    if (payload != null) fields.put(BenchmarkProfile.PAYLOAD, payload);
    return new StepResult(fields, null, false);
  }

  static String sha256Prefix(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
