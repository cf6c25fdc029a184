package dev.openenvbench.report;

/**
 * One configuration of one infrastructure with its repetitions combined, as the report defines:
 * success rate = mean over repetitions (spread = min/max); a p50 = the median repetition's value
 * (lower median for an even count); a p95/p99 = the worst repetition's value. Seconds; NaN when the
 * files did not say.
 *
 * @param successOk success rate ≥ the threshold
 * @param latencyOk total p99 ≤ the SLO, or the SLO is off, or p99 unknown
 */
public record Cell(
    String infra,
    CellKey key,
    int repetitions,
    double successMean,
    double successMin,
    double successMax,
    double connectP50Seconds,
    double resetP50Seconds,
    double stepP50Seconds,
    double totalP50Seconds,
    double totalP95Seconds,
    double totalP99Seconds,
    double stepOverheadP99Seconds,
    double sloSeconds,
    boolean harnessSaturated,
    boolean successOk,
    boolean latencyOk) {

  /** The cell counts towards the max batch. */
  public boolean passes() {
    return successOk && latencyOk;
  }

  public String mode() {
    return key.mode();
  }

  public int n() {
    return key.numRequests();
  }

  public double waitSeconds() {
    return key.waitSeconds();
  }
}
