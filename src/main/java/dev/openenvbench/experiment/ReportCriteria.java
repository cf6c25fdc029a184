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
 * {@code --success-threshold}; the latency limit {@code max_latency_multiplier × (wait +
 * overhead_seconds)} is report's default when it is the seed's {@code 2 × (wait + 0.5 s)}, and a
 * fixed {@code --p99-slo} when the study has one wait. Other multipliers over several waits are not
 * something report can judge yet, and are refused before any load.
 */
public record ReportCriteria(double successThreshold, OptionalDouble p99SloSeconds) {

  static ReportCriteria of(StudyFile f) {
    StudyFile.SuccessCriteria c = f.successCriteria();
    double m = c.maxLatencyMultiplier();
    double o = c.overheadSeconds();
    List<Double> waits = f.variables().waitSeconds().stream().distinct().toList();
    if (m == SeedCriterion.LATENCY_MULTIPLIER && o == SeedCriterion.OVERHEAD_SECONDS)
      return new ReportCriteria(c.minSuccessRate(), OptionalDouble.empty());
    if (waits.size() == 1) {
      return new ReportCriteria(c.minSuccessRate(), OptionalDouble.of(m * (waits.get(0) + o)));
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "success_criteria: max_latency_multiplier %s with overhead_seconds %s over several"
                + " waits is not supported yet: report judges 2 × (wait + 0.5 s), or one fixed p99"
                + " limit when the study has one wait",
            m,
            o));
  }

  /** The limit in words, for the plan and the log. */
  String describe(StudyFile.SuccessCriteria c) {
    return String.format(
        Locale.ROOT,
        "success rate ≥ %s and total p99 ≤ %s × (wait + %s s)",
        c.minSuccessRate(),
        c.maxLatencyMultiplier(),
        c.overheadSeconds());
  }

  ReportConfig config(
      List<Path> folders, Path output, Map<String, String> labels, Map<String, Integer> cores) {
    return new ReportConfig(folders, output, successThreshold, p99SloSeconds, true, labels, cores);
  }
}
