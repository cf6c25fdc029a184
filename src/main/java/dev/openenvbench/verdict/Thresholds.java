package dev.openenvbench.verdict;

import dev.openenvbench.report.Repetitions;
import dev.openenvbench.results.Configuration;
import dev.openenvbench.results.ResultFolder;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code --threshold} bounds of one command, checked per configuration (every recorded setting
 * but the repetition: {@link Configuration}) with the repetitions combined as the report combines
 * them. Used by {@code run}; any command that writes summary rows can call {@link #check}.
 */
public record Thresholds(List<Threshold> all) {
  public static final Thresholds NONE = new Thresholds(List.of());

  public Thresholds {
    all = List.copyOf(all);
  }

  /**
   * Parses every expression, before any load is started.
   *
   * @throws IllegalArgumentException the first bad expression, with what is valid
   */
  public static Thresholds parse(List<String> expressions) {
    return new Thresholds(expressions.stream().map(Threshold::parse).toList());
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  /**
   * Checks every threshold on every configuration of {@code rows}, in the report's order
   * (configuration, then threshold as given).
   */
  public List<Check> check(List<SummaryRecord> rows) {
    Map<Configuration, List<SummaryRecord>> byConfig = new TreeMap<>(Configuration.ORDER);
    for (SummaryRecord r : rows) {
      byConfig.computeIfAbsent(r.configuration(), k -> new ArrayList<>()).add(r);
    }
    List<Check> out = new ArrayList<>();
    byConfig.forEach(
        (config, reps) -> {
          List<SummaryRecord> complete = Repetitions.complete(reps);
          for (Threshold t : all) {
            double v = t.metric().measure(complete, t.comparison().upper());
            out.add(new Check(config, t, v, complete.size()));
          }
        });
    return out;
  }

  /**
   * The checks for a person, one line each, failures first, e.g. {@code FAIL ws N=100 wait 1 s (1
   * step) total.p99<2s total.p99 = 2.345 s, not < 2 s}.
   */
  public static String console(List<Check> checks) {
    if (checks.isEmpty()) {
      return "thresholds: no configuration was measured, so every threshold fails\n";
    }
    long failed = checks.stream().filter(c -> !c.passed()).count();
    StringBuilder b = new StringBuilder();
    b.append(
        failed == 0
            ? "thresholds: all " + checks.size() + " checks passed\n"
            : "thresholds: " + failed + " of " + checks.size() + " checks failed\n");
    int where = checks.stream().mapToInt(c -> c.where().length()).max().orElse(0);
    int what = checks.stream().mapToInt(c -> c.threshold().toString().length()).max().orElse(0);
    checks.stream()
        .sorted(Comparator.comparing(Check::passed))
        .forEach(
            c ->
                b.append(
                    String.format(
                        Locale.ROOT,
                        "  %-4s  %-" + where + "s  %-" + what + "s  %s%n",
                        c.passed() ? "pass" : "FAIL",
                        c.where(),
                        c.threshold(),
                        c.outcome())));
    return b.toString();
  }

  /** Whether the checks let a CI job pass: all passed, and there was something to check. */
  public static boolean passed(List<Check> checks) {
    return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
  }

  /** The summary rows of some runs of a result folder, e.g. the run just made. */
  public static List<SummaryRecord> rowsOf(Path resultFolder, Set<String> runIds) {
    return SummaryCsvReader.read(resultFolder.resolve(ResultFolder.SUMMARY)).rows().stream()
        .filter(r -> runIds.contains(r.get(SummaryColumns.RUN_ID)))
        .toList();
  }
}
