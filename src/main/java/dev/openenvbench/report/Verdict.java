package dev.openenvbench.report;

/**
 * The answer a scaling test is run for, for one infrastructure × mode × session shape × wait: how
 * many concurrent sessions it held, between which two measured Ns the limit lies, and what stopped
 * it. The report opens with these, before any definition or figure.
 *
 * @param answer e.g. {@code 64}, {@code ≥ 100}, {@code < 1}
 * @param bracket the measured N that passed and the one that failed, e.g. {@code 64 pass, 128 fail}
 * @param limitedBy the limiting factor with its evidence, in words
 * @param source where the answer comes from: {@link #CAPACITY} (a capacity search's capacity.json)
 *     or {@link #GRID} (max batch of a sweep)
 * @param judgedOn the pass criteria the answer was judged on, e.g. {@code success ≥ 0.95, total p99
 *     ≤ 1.4 s}: a search's own, or the report's for the grid, so that two answers for the same case
 *     that differ say why
 */
public record Verdict(
    String infra,
    String mode,
    String session,
    double waitSeconds,
    String answer,
    String bracket,
    String limitedBy,
    String source,
    String judgedOn) {
  /** The answer is the max batch of a sweep over a grid of N. */
  public static final String GRID = "max batch of the grid";

  /** The answer is a {@code capacity} search's, from the folder's capacity.json. */
  public static final String CAPACITY = "capacity search";
}
