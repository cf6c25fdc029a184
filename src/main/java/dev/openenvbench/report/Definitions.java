package dev.openenvbench.report;

import java.util.List;

/** The definitions printed at the top of every report, worded from the config in force. */
final class Definitions {
  private Definitions() {}

  static List<String> of(ReportConfig c) {
    String slo =
        c.p99SloSeconds().isPresent()
            ? "total p99 ≤ " + Format.seconds(c.p99SloSeconds().getAsDouble()) + " s (--p99-slo)"
            : c.latencyLimit().isSeeds()
                ? "total p99 ≤ " + c.latencyLimit() + " (the seed's criterion; --p99-slo to change)"
                : "total p99 ≤ " + c.latencyLimit() + " (--latency-multiplier, --overhead-seconds)";
    return List.of(
        "Success rate of a configuration (mode × session shape × N × wait) = successful"
            + " sessions / N, averaged over repetitions; spread = min/max over repetitions."
            + " Repetitions the run stopped in (incomplete) are left out; a configuration with none"
            + " left is shown as not measured and decides no max batch.",
        "A configuration passes when its success rate ≥ "
            + Format.ratio(c.successThreshold())
            + " (--success-threshold)"
            + (c.latencySlo()
                ? " and its " + slo + "."
                : "; the latency SLO is off (--no-latency-slo)."),
        "Max batch = the largest N tested that passes. \"≥ N\": the largest N tested passed, the"
            + " limit is higher. \"< N\": even the smallest N failed. When the next N tested is more"
            + " than "
            + Format.ratio(MaxBatchFinder.COARSE_RATIO)
            + "× the max, the grid was too"
            + " coarse to locate the limit and the table says so.",
        "p50 columns = the median repetition's value (lower median for an even count); p95/p99"
            + " columns = the worst repetition's value (percentiles are never averaged).",
        "Step overhead = step latency − requested wait, from summary.csv's step_overhead_p99 or"
            + " else from raw.jsonl. Cells the harness marked harness_saturated are named in the"
            + " notes: there the numbers describe the harness, not the server.");
  }
}
