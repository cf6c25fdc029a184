package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.ClientMessage;
import dev.openenvbench.protocol.UserActions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every session of a run sends, beyond its shape (steps, wait): the reset payload, the step
 * actions, the request headers and the think time before each step. The default is the seed's
 * session: {@code reset} with {@code {}}, the benchmark's {@code {"wait_seconds": w}}, no header,
 * no pause. Immutable and thread-safe; {@link #toString} shows no header value.
 *
 * @param reset the reset with its options ({@code /ws} {@code data}, the HTTP body), or null for
 *     the seed's (an empty {@code data}, no HTTP body)
 * @param seed seeds the think time's draws ({@code --seed}); recorded in the manifest
 */
public record Workload(
    ClientMessage.Reset reset,
    StepActions actions,
    RequestHeaders headers,
    ThinkTime think,
    long seed) {
  /** The fixed seed a run uses when none is given, so that two runs pause alike by default. */
  public static final long DEFAULT_SEED = 1;

  /** The seed's session. */
  public static final Workload BENCHMARK =
      new Workload(null, new StepActions.Benchmark(), RequestHeaders.NONE, ThinkTime.NONE, 1);

  public Workload {
    if (actions == null || headers == null || think == null) {
      throw new IllegalArgumentException("a workload needs actions, headers and a think time");
    }
  }

  /** The same sessions without pauses: for warm-up and the pre-flight session. */
  public Workload withoutThinking() {
    return new Workload(reset, actions, headers, ThinkTime.NONE, seed);
  }

  /** Whether the steps send the user's actions rather than the benchmark's. */
  public boolean customActions() {
    return actions instanceof StepActions.Given;
  }

  /** The pause before step {@code step} of session {@code requestId}, in nanoseconds. */
  public long thinkNanos(int requestId, int step) {
    return think.nanos(seed, requestId, step);
  }

  /** The settings by option name, for the run manifest; header values as {@code <redacted>}. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reset_json", UserActions.optionsText(reset));
    m.putAll(actions.describe());
    m.putAll(headers.describe());
    m.put("think_seconds", think.format());
    m.put("seed", seed);
    return m;
  }
}
