package dev.openenvbench.experiment;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.openenvbench.capacity.CapacitySearch;
import java.util.Map;

/**
 * {@code capacity:} ours, optional: search each infrastructure's capacity instead of sweeping its
 * {@code batch_sizes}. One search per mode × wait, with {@code capacity}'s options under the names
 * of its flags ({@code --start} is {@code start}, {@code --max-sessions} {@code max_sessions}, ...)
 * and its defaults. A probe passes on the file's {@code success_criteria}: {@code min_success_rate}
 * and {@code max_latency_multiplier × (wait + overhead_seconds)} on the p99, unless {@code
 * p99_slo_seconds} fixes one bound for every wait; and on {@code thresholds:} when there are any.
 *
 * @param budgetSeconds per infrastructure: start no probe after this long (0 = no bound)
 * @param p99SloSeconds a fixed p99 bound, or null for the success criteria's
 */
public record CapacitySection(
    Integer start,
    Integer maxSessions,
    Double resolution,
    Integer boundaryRuns,
    Integer confirmRuns,
    Double budgetSeconds,
    Double p99SloSeconds,
    @JsonAnySetter Map<String, Object> unknown) {

  public CapacitySection {
    Keys.noUnknown(unknown, CapacitySection.class);
    // capacity's own defaults (CapacityCommand's options).
    start = start == null ? 8 : start;
    maxSessions = maxSessions == null ? 20_000 : maxSessions;
    resolution = resolution == null ? 0.05 : resolution;
    boundaryRuns = boundaryRuns == null ? 2 : boundaryRuns;
    confirmRuns = confirmRuns == null ? 2 : confirmRuns;
    budgetSeconds = budgetSeconds == null ? 0.0 : budgetSeconds;
    // The search's own checks, now, so a bad value is reported at its place in the file.
    new CapacitySearch(1, start, maxSessions, resolution, boundaryRuns, confirmRuns);
    if (!(budgetSeconds >= 0)) throw new IllegalArgumentException("budget_seconds must be ≥ 0");
    if (p99SloSeconds != null && !(p99SloSeconds > 0)) {
      throw new IllegalArgumentException("p99_slo_seconds must be > 0");
    }
  }
}
