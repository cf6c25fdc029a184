package dev.openenvbench.verdict;

import static dev.openenvbench.results.SummaryColumns.stat;

import dev.openenvbench.report.MaxBatch;
import dev.openenvbench.report.Repetitions;
import dev.openenvbench.results.Configuration;
import dev.openenvbench.results.Field;
import dev.openenvbench.results.Phase;
import dev.openenvbench.results.Stat;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code compare BASE CAND}: the configurations two result folders share (every recorded setting
 * but the repetition), metric by metric, and the max batch of each mode × session × wait.
 *
 * @param configurations one entry per configuration both folders measured, in the report's order
 * @param onlyInBase configurations only the base measured (never compared with anything)
 * @param maxBatches base and candidate max batch, where both swept the same mode, session and wait
 * @param capacities the capacity searches' answers, where both folders' capacity.json searched the
 *     same mode and wait
 * @param notes run settings that differ between the folders (from their manifests), and answers
 *     only one capacity.json has
 */
public record FolderComparison(
    List<ConfigurationChange> configurations,
    List<Configuration> onlyInBase,
    List<Configuration> onlyInCandidate,
    List<MaxBatchChange> maxBatches,
    List<CapacityChange> capacities,
    List<String> notes) {

  /**
   * One configuration of both folders.
   *
   * @param flag why it is not compared ({@code saturated}, {@code incomplete}), or empty
   */
  public record ConfigurationChange(
      Configuration configuration,
      int baseRepetitions,
      int candidateRepetitions,
      List<Change> changes,
      Optional<String> flag) {

    public boolean regressed() {
      return flag.isEmpty() && changes.stream().anyMatch(c -> c.kind() == Change.Kind.REGRESSION);
    }
  }

  /**
   * The max batch of one mode × session × wait in both folders.
   *
   * @param band the noise band in sessions: the larger spread of the two folders' per-repetition
   *     max batches, or {@code --tolerance} × the base's if wider; NaN when there is neither
   * @param searched both folders' capacity searches answer this mode and wait: their probes are not
   *     a grid, so the max batch is shown and the capacity answer is judged instead
   */
  public record MaxBatchChange(MaxBatch base, MaxBatch candidate, double band, boolean searched) {
    /**
     * Fewer sessions held, both measured, by more than the band (any drop without one): a
     * regression whatever the latency says.
     */
    public boolean regressed() {
      return !searched
          && fewer()
          && base.maxN() - candidate.maxN() > (Double.isNaN(band) ? 0 : band);
    }

    /** Fewer sessions held, but within the band. */
    public boolean withinNoise() {
      return !searched && fewer() && !regressed();
    }

    private boolean fewer() {
      return measured(base) && measured(candidate) && candidate.maxN() < base.maxN();
    }

    private static boolean measured(MaxBatch m) {
      return m.limit() != MaxBatch.Limit.NOT_MEASURED;
    }
  }

  public boolean regressed() {
    return configurations.stream().anyMatch(ConfigurationChange::regressed)
        || maxBatches.stream().anyMatch(MaxBatchChange::regressed)
        || capacities.stream().anyMatch(CapacityChange::regressed);
  }

  /**
   * @param tolerance relative band, e.g. 0.1 for 10 %; NaN for none (then the repetitions' spread)
   */
  static List<ConfigurationChange> configurations(
      Map<Configuration, List<SummaryRecord>> base,
      Map<Configuration, List<SummaryRecord>> cand,
      double tolerance) {
    List<ConfigurationChange> out = new ArrayList<>();
    for (var e : base.entrySet()) { // sorted by the caller (Configuration.ORDER)
      List<SummaryRecord> c = cand.get(e.getKey());
      if (c == null) continue;
      out.add(change(e.getKey(), e.getValue(), c, tolerance));
    }
    return out;
  }

  private static ConfigurationChange change(
      Configuration config, List<SummaryRecord> allBase, List<SummaryRecord> allCand, double tol) {
    List<SummaryRecord> b = Repetitions.complete(allBase);
    List<SummaryRecord> c = Repetitions.complete(allCand);
    List<Change> changes = new ArrayList<>();
    changes.add(
        Change.of(
            "success_rate",
            b,
            c,
            Repetitions::successMean,
            SummaryRecord::successRate,
            false,
            tol));
    for (Phase p : List.of(Phase.STEP_OVERHEAD, Phase.TOTAL)) {
      Field<Double> p50 = stat(p, Stat.P50);
      Field<Double> p99 = stat(p, Stat.P99);
      changes.add(
          Change.of(
              p.columnPrefix() + ".p50",
              b,
              c,
              r -> Repetitions.median(r, p50),
              r -> r.number(p50),
              true,
              tol));
      changes.add(
          Change.of(
              p.columnPrefix() + ".p99",
              b,
              c,
              r -> Repetitions.worst(r, p99),
              r -> r.number(p99),
              true,
              tol));
    }
    return new ConfigurationChange(config, b.size(), c.size(), changes, flag(allBase, allCand));
  }

  private static Optional<String> flag(List<SummaryRecord> base, List<SummaryRecord> cand) {
    List<String> why = new ArrayList<>();
    if (anyFlag(base, SummaryColumns.INCOMPLETE)) why.add("incomplete in base");
    if (anyFlag(cand, SummaryColumns.INCOMPLETE)) why.add("incomplete in candidate");
    if (anyFlag(base, SummaryColumns.HARNESS_SATURATED)) why.add("harness saturated in base");
    if (anyFlag(cand, SummaryColumns.HARNESS_SATURATED)) why.add("harness saturated in candidate");
    return why.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", why));
  }

  private static boolean anyFlag(List<SummaryRecord> reps, Field<Boolean> f) {
    return reps.stream().anyMatch(r -> r.flag(f));
  }
}
