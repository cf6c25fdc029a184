package dev.openenvbench.verdict;

import dev.openenvbench.report.Repetitions;
import dev.openenvbench.results.SummaryRecord;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One metric of one configuration, base against candidate, and whether the change is a regression:
 * only when it goes the bad way by more than the noise band, the spread seen between repetitions
 * (the larger of the two folders') or {@code --tolerance} × the base value, whichever is wider.
 *
 * @param base combined as report does; NaN when not measured
 * @param band the noise band, NaN when there is none (one repetition and no tolerance)
 */
public record Change(
    String metric, double base, double candidate, double band, boolean higherIsWorse) {

  /** What the change is, in the terms compare reports it in. */
  public enum Kind {
    REGRESSION,
    IMPROVEMENT,
    WITHIN_NOISE,
    /** One repetition on a side and no --tolerance: a change cannot be told from noise. */
    NOT_JUDGED,
    NOT_MEASURED
  }

  static Change of(
      String metric,
      List<SummaryRecord> base,
      List<SummaryRecord> cand,
      ToDoubleFunction<List<SummaryRecord>> combine,
      ToDoubleFunction<SummaryRecord> perRep,
      boolean higherIsWorse,
      double tolerance) {
    double b = combine.applyAsDouble(base);
    double c = combine.applyAsDouble(cand);
    // NaN when either side has a single repetition: no spread is known.
    double spread = Math.max(spread(base, perRep), spread(cand, perRep));
    double relative = Double.isNaN(tolerance) ? Double.NaN : tolerance * Math.abs(b);
    return new Change(metric, b, c, widest(spread, relative), higherIsWorse);
  }

  /** The wider of two bands, either of which may be NaN (none); NaN when both are. */
  static double widest(double a, double b) {
    if (Double.isNaN(a)) return b;
    return Double.isNaN(b) ? a : Math.max(a, b);
  }

  /** max − min over the repetitions; NaN with fewer than two. */
  private static double spread(List<SummaryRecord> reps, ToDoubleFunction<SummaryRecord> v) {
    double[] x = reps.stream().mapToDouble(v).filter(d -> !Double.isNaN(d)).toArray();
    if (x.length < 2) return Double.NaN;
    return Arrays.stream(x).max().getAsDouble() - Arrays.stream(x).min().getAsDouble();
  }

  public double delta() {
    return candidate - base;
  }

  public Kind kind() {
    if (Double.isNaN(base) || Double.isNaN(candidate)) return Kind.NOT_MEASURED;
    if (Double.isNaN(band)) return Kind.NOT_JUDGED;
    double worse = higherIsWorse ? delta() : -delta();
    if (Math.abs(delta()) <= band + Repetitions.EPSILON) return Kind.WITHIN_NOISE;
    return worse > 0 ? Kind.REGRESSION : Kind.IMPROVEMENT;
  }
}
