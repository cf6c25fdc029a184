package dev.openenvbench.verdict;

import dev.openenvbench.report.Repetitions;
import dev.openenvbench.results.Field;
import dev.openenvbench.results.Phase;
import dev.openenvbench.results.Stat;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A quantity a threshold can bound, measured on one configuration's repetitions (summary.csv rows
 * from exact, shard-merged histograms), combined by {@link Repetitions}' rule so that a threshold
 * and the report never disagree.
 *
 * @param name as written in a threshold, e.g. {@code total.p99}
 * @param unit what the bound is written in
 * @param combine how the repetitions become one value
 * @param column the summary.csv column of a number metric; null for {@code success_rate} and flags
 */
public record Metric(String name, Unit unit, Combine combine, Field<?> column, String description) {

  /** What a bound is written in. */
  public enum Unit {
    /** A duration with a unit: {@code 250ms}, {@code 2s}, {@code 900us}. */
    TIME,
    /** A fraction 0..1 or a percentage: {@code 0.99}, {@code 99%}. */
    FRACTION,
    /** A plain number, or a multiple of N: {@code 2}, {@code 0.99*N}. */
    COUNT,
    /** {@code true} or {@code false}, with {@code ==} or {@code !=} only. */
    FLAG
  }

  /** How the repetitions of a configuration become one value. */
  public enum Combine {
    /** The mean over repetitions (the report's success rate). */
    MEAN,
    /** The median repetition's value (a p50 or a mean latency). */
    MEDIAN,
    /** The largest repetition's value (a p90, p95, p99 or max: the report's "worst"). */
    WORST,
    /** The smallest repetition's value (a min). */
    BEST,
    /** Must hold in every repetition: the repetition least favourable to the bound. */
    EVERY,
    /** True when any repetition says true (the report's "harness saturated" flag). */
    ANY
  }

  public static final Metric SUCCESS_RATE =
      new Metric(
          "success_rate",
          Unit.FRACTION,
          Combine.MEAN,
          null,
          "successful sessions / N, mean over repetitions");

  /** Every metric, in the order the help and the errors list them. */
  public static final List<Metric> ALL = all();

  /** The metric of that name. */
  public static Optional<Metric> named(String name) {
    return ALL.stream().filter(m -> m.name.equals(name)).findFirst();
  }

  /** The valid names, for an error message. */
  public static String names() {
    return ALL.stream().map(Metric::name).collect(Collectors.joining(", "));
  }

  /**
   * This metric's value for one configuration's complete repetitions, NaN when none recorded it (an
   * empty sample set, which fails every bound). For {@link Combine#EVERY}, {@code upper} says
   * whether the bound is an upper one (the largest value is then the least favourable).
   */
  @SuppressWarnings("unchecked")
  public double measure(List<SummaryRecord> reps, boolean upper) {
    if (reps.isEmpty()) return Double.NaN;
    return switch (combine) {
      case MEAN -> Repetitions.successMean(reps);
      case MEDIAN -> Repetitions.median(reps, (Field<Double>) column);
      case WORST -> Repetitions.worst(reps, (Field<Double>) column);
      case BEST -> Repetitions.best(reps, (Field<Double>) column);
      case EVERY -> every(reps, upper);
      case ANY -> reps.stream().anyMatch(r -> r.flag((Field<Boolean>) column)) ? 1 : 0;
    };
  }

  private double every(List<SummaryRecord> reps, boolean upper) {
    double[] v =
        reps.stream()
            .map(r -> r.get(column))
            .filter(x -> x != null)
            .mapToDouble(x -> ((Number) x).doubleValue())
            .filter(x -> !Double.isNaN(x))
            .sorted()
            .toArray();
    if (v.length < reps.size()) return Double.NaN; // a repetition did not record it
    return upper ? v[v.length - 1] : v[0];
  }

  private static List<Metric> all() {
    List<Metric> out = new ArrayList<>();
    out.add(SUCCESS_RATE);
    for (Phase p : Phase.values()) {
      for (Stat s : Stat.values()) {
        Field<?> column = SummaryColumns.named(p.columnPrefix() + "_" + s.suffix());
        if (column == null) continue;
        Combine c =
            switch (s) {
              case P50, AVG -> Combine.MEDIAN;
              case MIN -> Combine.BEST;
              case P90, P95, P99, MAX -> Combine.WORST;
            };
        out.add(
            new Metric(
                p.columnPrefix() + "." + s.suffix(),
                Unit.TIME,
                c,
                column,
                p.description() + ", " + s.description()));
      }
    }
    every(out, SummaryColumns.PEAK_CONCURRENCY, "sessions open at once at the peak");
    every(out, SummaryColumns.EFFECTIVE_CONCURRENCY, "the seed's effective concurrency");
    every(out, SummaryColumns.UNIQUE_HOSTS, "distinct host_url values that answered");
    every(out, SummaryColumns.UNIQUE_PIDS, "distinct server processes that answered");
    every(out, SummaryColumns.UNIQUE_SESSIONS, "distinct server sessions");
    every(out, SummaryColumns.REQUESTS_PER_SECOND, "sessions per second of wall time");
    out.add(
        new Metric(
            "harness_saturated",
            Unit.FLAG,
            Combine.ANY,
            SummaryColumns.HARNESS_SATURATED,
            "the harness, not the server, was the bottleneck in a repetition"));
    return List.copyOf(out);
  }

  private static void every(List<Metric> out, Field<?> column, String description) {
    out.add(new Metric(column.name(), Unit.COUNT, Combine.EVERY, column, description));
  }
}
