package dev.openenvbench.verdict;

import dev.openenvbench.report.Analysis;
import dev.openenvbench.report.InfraResults;
import dev.openenvbench.report.MaxBatch;
import dev.openenvbench.report.ReportConfig;
import dev.openenvbench.report.ResultFolders;
import dev.openenvbench.results.Configuration;
import dev.openenvbench.results.RunManifest;
import dev.openenvbench.results.SummaryRecord;
import dev.openenvbench.verdict.FolderComparison.MaxBatchChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Compares two result folders, read through the report's loader: configurations matched on every
 * recorded setting, max batches judged with the report's criteria. Reads files only.
 */
public final class Compare {
  public static final String BASE = "base";
  public static final String CANDIDATE = "candidate";

  /** Run options that change what a cell measures without being recorded on its rows. */
  static final List<String> MEASUREMENT_OPTIONS =
      List.of(
          "timeout_seconds",
          "http_connections",
          "processes",
          "warmup_sessions",
          "server_workers",
          "local_server");

  private Compare() {}

  /**
   * @param tolerance relative noise band (0.1 = 10 %), NaN to use the repetitions' spread only
   * @throws IllegalArgumentException the folders have no configuration in common (different modes,
   *     waits, Ns or session shapes): there is nothing like to compare
   */
  public static FolderComparison run(
      Path base, Path candidate, double tolerance, Consumer<String> notices) {
    if (base.toAbsolutePath().normalize().equals(candidate.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("BASE and CAND are the same folder: " + base);
    }
    Map<String, String> labels = Map.of(base.toString(), BASE, candidate.toString(), CANDIDATE);
    List<InfraResults> infras =
        ResultFolders.load(List.of(base, candidate), labels, Map.of(), notices);
    Map<Configuration, List<SummaryRecord>> b = byConfiguration(infras.get(0).rows());
    Map<Configuration, List<SummaryRecord>> c = byConfiguration(infras.get(1).rows());
    List<Configuration> onlyBase = b.keySet().stream().filter(k -> !c.containsKey(k)).toList();
    List<Configuration> onlyCand = c.keySet().stream().filter(k -> !b.containsKey(k)).toList();
    List<String> notes = new ArrayList<>(manifestNotes(base, candidate));
    List<CapacityChange> capacities =
        CapacityAnswers.match(infras.get(0), infras.get(1), base, candidate, tolerance, notes);
    // Two capacity searches probe different Ns: their answers are what is alike.
    if (onlyBase.size() == b.size() && capacities.isEmpty()) {
      throw new IllegalArgumentException(
          "the folders measured nothing alike, so there is nothing to compare: "
              + base
              + " has "
              + shapes(b.keySet())
              + "; "
              + candidate
              + " has "
              + shapes(c.keySet()));
    }
    ReportConfig criteria =
        new ReportConfig(
            List.of(base, candidate), base, 0.95, OptionalDouble.empty(), true, labels, Map.of());
    Analysis a = Analysis.of(infras, criteria);
    return new FolderComparison(
        FolderComparison.configurations(b, c, tolerance),
        onlyBase,
        onlyCand,
        maxBatches(a, infras, criteria, tolerance, capacities),
        capacities,
        notes);
  }

  private static Map<Configuration, List<SummaryRecord>> byConfiguration(List<SummaryRecord> rows) {
    Map<Configuration, List<SummaryRecord>> out = new TreeMap<>(Configuration.ORDER);
    rows.forEach(r -> out.computeIfAbsent(r.configuration(), k -> new ArrayList<>()).add(r));
    return out;
  }

  /** What a folder swept, e.g. {@code ws, 1 step, wait 1 s, N 1..100}. */
  private static String shapes(Set<Configuration> configs) {
    Map<String, TreeSet<Integer>> ns = new TreeMap<>();
    for (Configuration k : configs) {
      String key =
          String.format(
              Locale.ROOT,
              "%s, %s, wait %s s",
              k.mode(),
              k.session(),
              Check.number(k.waitSeconds()));
      ns.computeIfAbsent(key, x -> new TreeSet<>()).add(k.numRequests());
    }
    return ns.entrySet().stream()
        .map(e -> e.getKey() + ", N " + e.getValue().first() + ".." + e.getValue().last())
        .collect(Collectors.joining("; "));
  }

  /** Each max batch both folders have, with its noise band (see {@link MaxBatchChange#band}). */
  private static List<MaxBatchChange> maxBatches(
      Analysis a,
      List<InfraResults> infras,
      ReportConfig criteria,
      double tolerance,
      List<CapacityChange> capacities) {
    MaxBatchNoise baseNoise = new MaxBatchNoise(infras.get(0), criteria);
    MaxBatchNoise candNoise = new MaxBatchNoise(infras.get(1), criteria);
    List<MaxBatchChange> out = new ArrayList<>();
    for (MaxBatch m : a.maxBatches()) {
      if (!m.infra().equals(BASE)) continue;
      Optional<MaxBatch> c = a.maxBatch(CANDIDATE, m.mode(), m.session(), m.waitSeconds());
      if (c.isEmpty()) continue;
      // NaN when either side has a single repetition, as for a configuration's metrics.
      double spread = Math.max(baseNoise.spread(m), candNoise.spread(c.get()));
      double relative = Double.isNaN(tolerance) ? Double.NaN : tolerance * m.maxN();
      boolean searched =
          capacities.stream()
              .anyMatch(
                  x ->
                      x.base().mode().equals(m.mode())
                          && x.base().waitSeconds() == m.waitSeconds());
      out.add(new MaxBatchChange(m, c.get(), Change.widest(spread, relative), searched));
    }
    return out;
  }

  /** Options of the folders' last runs that differ though no row records them. */
  static List<String> manifestNotes(Path base, Path candidate) {
    List<RunManifest> b = RunManifest.all(base);
    List<RunManifest> c = RunManifest.all(candidate);
    if (b.isEmpty() || c.isEmpty()) {
      return List.of(
          "no run manifest in "
              + (b.isEmpty() ? base : candidate)
              + ": configurations are matched on the settings in summary.csv only");
    }
    Map<String, Object> x = b.getLast().configuration();
    Map<String, Object> y = c.getLast().configuration();
    List<String> out = new ArrayList<>();
    for (String k : MEASUREMENT_OPTIONS) {
      if (!Objects.equals(x.get(k), y.get(k))) {
        out.add(k + " differs: " + x.get(k) + " in base, " + y.get(k) + " in candidate");
      }
    }
    return out;
  }
}
