package dev.openenvbench.capacity;

import dev.openenvbench.loadgen.RunConfig;
import dev.openenvbench.results.Phase;
import dev.openenvbench.results.SeedCriterion;
import dev.openenvbench.verdict.Threshold;
import dev.openenvbench.verdict.Thresholds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code capacity} command, validated: the run options every probe shares ({@code run}, whose
 * request grid is just {@code --max-sessions}, the most any probe runs, for the pre-flight checks
 * and a local server's cap), the search's bounds and the pass criteria.
 *
 * @param successThreshold a probe's successful sessions over N must be at least this
 * @param p99SloSeconds the latency SLO's bound, or null for {@code latencyLimit}'s at each wait
 * @param latencyLimit the SLO per wait when none is fixed: the seed's 2 × (wait + 0.5 s), or an
 *     experiment file's {@code success_criteria}
 * @param budgetSeconds stop starting probes after this long (0 = no bound)
 * @param thresholds {@code --threshold} bounds every probe must also meet (parsed, so valid)
 */
public record CapacityConfig(
    RunConfig run,
    int startSessions,
    int maxSessions,
    double resolution,
    int boundaryRuns,
    int confirmRuns,
    double budgetSeconds,
    double successThreshold,
    Double p99SloSeconds,
    SeedCriterion.LatencyLimit latencyLimit,
    Thresholds thresholds) {

  public CapacityConfig {
    if (run.outputDir() == null) {
      throw new IllegalArgumentException(
          "capacity needs --output-dir: its probes and capacity.json are written there");
    }
    if (!(budgetSeconds >= 0)) {
      throw new IllegalArgumentException("--budget-seconds must be ≥ 0 (0 = no bound)");
    }
    // Validates the bounds and criteria now, before any load.
    new CapacitySearch(
        run.processes(), startSessions, maxSessions, resolution, boundaryRuns, confirmRuns);
    // Fields are not assigned yet in a compact constructor: check the parameters themselves.
    new ProbeCheck.SuccessRate(successThreshold);
    for (double w : run.waitGrid()) {
      ProbeCheck.LatencySlo.of(w, run.steps(), p99SloSeconds, latencyLimit);
    }
  }

  /**
   * A probe's pass criteria at this wait: success rate, the latency SLO, then each {@code
   * --threshold} as given.
   */
  public List<ProbeCheck> checks(double waitSeconds) {
    List<ProbeCheck> checks = new ArrayList<>();
    checks.add(new ProbeCheck.SuccessRate(successThreshold));
    checks.add(ProbeCheck.LatencySlo.of(waitSeconds, run.steps(), p99SloSeconds, latencyLimit));
    for (Threshold t : thresholds.all()) checks.add(new ProbeCheck.MeetsThreshold(t));
    return checks;
  }

  /** The search's own options, by name, for the manifest and capacity.json. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("start_sessions", startSessions);
    m.put("max_sessions", maxSessions);
    m.put("resolution", resolution);
    m.put("boundary_runs", boundaryRuns);
    m.put("confirm_runs", confirmRuns);
    m.put("budget_seconds", budgetSeconds);
    m.put("success_threshold", successThreshold);
    m.put("p99_slo_seconds", p99SloSeconds);
    m.put("latency_multiplier", latencyLimit.multiplier());
    m.put("overhead_seconds", latencyLimit.overheadSeconds());
    m.put("thresholds", thresholds.all().stream().map(Threshold::toString).toList());
    m.put("slo_phase", (run.steps() == 1 ? Phase.TOTAL : Phase.STEP).columnPrefix());
    return m;
  }
}
