package dev.openenvbench.experiment;

import dev.openenvbench.report.ReportConfig;
import dev.openenvbench.results.SeedCriterion;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The file's {@code success_criteria} as {@code report}'s options: {@code min_success_rate} is
 * {@code --success-threshold}, and the latency limit {@code max_latency_multiplier × (wait +
 * overhead_seconds)} is {@code --latency-multiplier} and {@code --overhead-seconds} (the seed's 2 ×
 * (wait + 0.5 s) when the file leaves them out).
 */
public record ReportCriteria(double successThreshold, SeedCriterion.LatencyLimit latencyLimit) {

  static ReportCriteria of(StudyFile f) {
    StudyFile.SuccessCriteria c = f.successCriteria();
    return new ReportCriteria(
        c.minSuccessRate(),
        new SeedCriterion.LatencyLimit(c.maxLatencyMultiplier(), c.overheadSeconds()));
  }

  /** The limit in words, for the plan and the log. */
  String describe() {
    return String.format(
        Locale.ROOT, "success rate ≥ %s and total p99 ≤ %s", successThreshold, latencyLimit);
  }

  ReportConfig config(
      List<Path> folders, Path output, Map<String, String> labels, Map<String, Integer> cores) {
    return new ReportConfig(
        folders,
        output,
        successThreshold,
        OptionalDouble.empty(),
        latencyLimit,
        true,
        labels,
        cores);
  }

  /** {@code report}'s options for these criteria, for a command line a person can run. */
  List<String> reportOptions() {
    return List.of(
        "--success-threshold",
        Double.toString(successThreshold),
        "--latency-multiplier",
        Double.toString(latencyLimit.multiplier()),
        "--overhead-seconds",
        Double.toString(latencyLimit.overheadSeconds()));
  }
}
