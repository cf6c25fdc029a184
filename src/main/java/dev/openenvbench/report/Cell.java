package dev.openenvbench.report;

import dev.openenvbench.results.Configuration;

/**
 * One configuration of one infrastructure (every setting: mode, N, wait and the session shape) with
 * its repetitions combined, as the report defines: success rate = mean over repetitions (spread =
 * min/max); a p50 = the median repetition's value (lower median for an even count); a p95/p99 = the
 * worst repetition's value. Seconds; NaN when the files did not say.
 *
 * <p>Repetitions the run stopped in ({@code incomplete}) are left out: they measured less than N. A
 * cell whose every repetition was stopped is itself incomplete: shown, but it passes nothing and
 * never decides a max batch.
 *
 * @param incompleteRepetitions repetitions left out because the run stopped in them
 * @param successOk success rate ≥ the threshold
 * @param latencyOk total p99 ≤ the SLO, or the SLO is off, or p99 unknown
 */
public record Cell(
    String infra,
    Configuration config,
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
    int incompleteRepetitions,
    boolean successOk,
    boolean latencyOk) {

  /** The cell counts towards the max batch. */
  public boolean passes() {
    return !incomplete() && successOk && latencyOk;
  }

  /** Every repetition was stopped before it finished: nothing here was measured whole. */
  public boolean incomplete() {
    return repetitions == 0;
  }

  public String mode() {
    return config.mode();
  }

  public int n() {
    return config.numRequests();
  }

  public double waitSeconds() {
    return config.waitSeconds();
  }

  /** The session shape, e.g. {@code 1 step} or {@code 4 steps, barrier}. */
  public String session() {
    return config.session();
  }
}
