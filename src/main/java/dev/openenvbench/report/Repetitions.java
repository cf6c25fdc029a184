package dev.openenvbench.report;

import dev.openenvbench.results.Field;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryRecord;
import java.util.Arrays;
import java.util.List;

/**
 * The one rule for combining the repetitions of a configuration into one value, used by the
 * report's {@link Cell}s, by thresholds and by compare, so that none of them can disagree: a p50 is
 * the median repetition's, a p95/p99 the worst repetition's (percentiles are never averaged), a
 * success rate the mean over repetitions. Repetitions the run stopped in ({@code incomplete})
 * measured less than N and count for nothing. Values are NaN when no repetition recorded one.
 */
public final class Repetitions {
  /** Guards "19/20 ≥ 0.95" against the rounding of a mean over repetitions. */
  public static final double EPSILON = 1e-9;

  private Repetitions() {}

  /** The repetitions that ran to the end. */
  public static List<SummaryRecord> complete(List<SummaryRecord> rows) {
    return rows.stream().filter(r -> !r.flag(SummaryColumns.INCOMPLETE)).toList();
  }

  /** The mean success rate; NaN without repetitions. */
  public static double successMean(List<SummaryRecord> reps) {
    return reps.stream().mapToDouble(SummaryRecord::successRate).average().orElse(Double.NaN);
  }

  /** The largest value, e.g. the worst repetition's p99. */
  public static double worst(List<SummaryRecord> reps, Field<Double> column) {
    return Arrays.stream(values(reps, column)).max().orElse(Double.NaN);
  }

  /** The smallest value. */
  public static double best(List<SummaryRecord> reps, Field<Double> column) {
    return Arrays.stream(values(reps, column)).min().orElse(Double.NaN);
  }

  /** The lower median, so the value is one a repetition actually measured. */
  public static double median(List<SummaryRecord> reps, Field<Double> column) {
    double[] v = values(reps, column);
    return v.length == 0 ? Double.NaN : v[(v.length - 1) / 2];
  }

  /** The recorded values of a column, ascending, unknowns left out. */
  public static double[] values(List<SummaryRecord> reps, Field<Double> column) {
    return reps.stream()
        .mapToDouble(r -> r.number(column))
        .filter(x -> !Double.isNaN(x))
        .sorted()
        .toArray();
  }
}
