package dev.openenvbench.report;

import dev.openenvbench.results.SeedCriterion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What {@code report} was asked for.
 *
 * @param successThreshold a configuration passes when its mean success rate is at least this
 * @param p99SloSeconds a fixed total-p99 limit; empty means {@code latencyLimit} per wait
 * @param latencyLimit the total-p99 limit that grows with the wait, {@code multiplier × (wait +
 *     overhead)}: the seed's 2 × (wait + 0.5 s) unless an experiment file's {@code
 *     success_criteria} or {@code --latency-multiplier}/{@code --overhead-seconds} say otherwise
 * @param latencySlo false ({@code --no-latency-slo}) judges on success rate alone
 * @param labels folder → infrastructure label
 * @param cores infrastructure label → cores, for per-core numbers
 */
public record ReportConfig(
    List<Path> folders,
    Path output,
    double successThreshold,
    OptionalDouble p99SloSeconds,
    SeedCriterion.LatencyLimit latencyLimit,
    boolean latencySlo,
    Map<String, String> labels,
    Map<String, Integer> cores) {

  /** With the seed's latency limit, 2 × (wait + 0.5 s), when no fixed one is given. */
  public ReportConfig(
      List<Path> folders,
      Path output,
      double successThreshold,
      OptionalDouble p99SloSeconds,
      boolean latencySlo,
      Map<String, String> labels,
      Map<String, Integer> cores) {
    this(
        folders,
        output,
        successThreshold,
        p99SloSeconds,
        SeedCriterion.SEED_LIMIT,
        latencySlo,
        labels,
        cores);
  }

  public ReportConfig {
    if (folders.isEmpty()) {
      throw new IllegalArgumentException("give at least one result folder");
    }
    if (!(successThreshold > 0 && successThreshold <= 1)) {
      throw new IllegalArgumentException("--success-threshold must be in (0, 1]");
    }
    if (p99SloSeconds.isPresent() && !(p99SloSeconds.getAsDouble() > 0)) {
      throw new IllegalArgumentException("--p99-slo must be positive");
    }
    cores.forEach(
        (name, n) -> {
          if (n <= 0) {
            throw new IllegalArgumentException("--cores " + name + "=" + n + ": must be positive");
          }
        });
    folders = List.copyOf(folders);
    labels = Map.copyOf(labels);
    cores = Map.copyOf(cores);
  }

  /** The total-p99 limit for a wait: the fixed one, or {@code latencyLimit}'s for this wait. */
  public double sloSecondsFor(double waitSeconds) {
    return p99SloSeconds.orElseGet(() -> latencyLimit.p99Seconds(waitSeconds));
  }
}
