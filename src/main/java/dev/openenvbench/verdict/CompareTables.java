package dev.openenvbench.verdict;

import dev.openenvbench.report.Table;
import dev.openenvbench.results.Configuration;
import dev.openenvbench.verdict.FolderComparison.ConfigurationChange;
import dev.openenvbench.verdict.FolderComparison.MaxBatchChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The comparison as tables, written as console text, Markdown and HTML from the same cells. */
public final class CompareTables {
  private CompareTables() {}

  public static List<Table> of(FolderComparison c) {
    List<Table> out = new ArrayList<>();
    // A capacity answer is the headline a search was run for: it leads.
    if (!c.capacities().isEmpty()) out.add(CapacityTable.of(c.capacities()));
    out.add(configurations(c));
    if (!c.maxBatches().isEmpty()) out.add(maxBatches(c));
    return out;
  }

  /** The one-line verdict that heads every output. */
  public static String verdict(FolderComparison c) {
    long regressed = c.configurations().stream().filter(ConfigurationChange::regressed).count();
    long maxRegressed = c.maxBatches().stream().filter(MaxBatchChange::regressed).count();
    long capRegressed = c.capacities().stream().filter(CapacityChange::regressed).count();
    long flagged = c.configurations().stream().filter(x -> x.flag().isPresent()).count();
    long capFlagged = c.capacities().stream().filter(x -> x.flag().isPresent()).count();
    String flags =
        (flagged == 0 ? "" : "; " + flagged + " flagged (saturated or incomplete), not compared")
            + (capFlagged == 0
                ? ""
                : "; " + capFlagged + " capacity answer(s) a lower bound, not compared");
    String capacities =
        c.capacities().isEmpty() ? "" : " and " + c.capacities().size() + " capacity answer(s)";
    if (regressed + maxRegressed + capRegressed == 0) {
      return "no regression in "
          + c.configurations().size()
          + " configuration(s)"
          + capacities
          + " both folders measured"
          + flags;
    }
    return "REGRESSION: "
        + regressed
        + " of "
        + c.configurations().size()
        + " configuration(s) regressed beyond the noise band, "
        + maxRegressed
        + " max batch(es) fell"
        + (c.capacities().isEmpty() ? "" : ", " + capRegressed + " capacity answer(s) fell")
        + flags;
  }

  /** Unmatched configurations and differing run options, one sentence each. */
  public static List<String> notes(FolderComparison c) {
    List<String> out = new ArrayList<>(c.notes());
    if (!c.capacities().isEmpty()) {
      // Each search probes its own Ns: one line per side, not one per probe.
      only("base", c.onlyInBase(), out);
      only("candidate", c.onlyInCandidate(), out);
      return out;
    }
    c.onlyInBase().forEach(k -> out.add("only in base, not compared: " + Check.describe(k)));
    c.onlyInCandidate()
        .forEach(k -> out.add("only in candidate, not compared: " + Check.describe(k)));
    return out;
  }

  private static void only(String side, List<Configuration> configs, List<String> out) {
    if (configs.isEmpty()) return;
    out.add(
        configs.size()
            + " probe configuration(s) only in "
            + side
            + ", not compared (a capacity search probes its own Ns): "
            + configs.stream().map(Check::describe).collect(Collectors.joining("; ")));
  }

  private static Table configurations(FolderComparison c) {
    List<String> headers = new ArrayList<>(List.of("configuration", "reps"));
    c.configurations().stream()
        .findFirst()
        .ifPresent(x -> x.changes().forEach(ch -> headers.add(ch.metric())));
    headers.add("verdict");
    List<List<String>> rows = new ArrayList<>();
    for (ConfigurationChange x : c.configurations()) {
      List<String> row = new ArrayList<>();
      row.add(Check.describe(x.configuration()));
      row.add(x.baseRepetitions() + " / " + x.candidateRepetitions());
      x.changes().forEach(ch -> row.add(cell(ch)));
      row.add(verdict(x));
      rows.add(row);
    }
    return new Table(
        "compare",
        "Base → candidate, per configuration",
        "Success rate (mean over repetitions), p50 (median repetition) and p99 (worst repetition)"
            + " in seconds; the change in brackets; ± the noise band: the spread between"
            + " repetitions, or --tolerance × base if wider. A change beyond the band the bad way is"
            + " a regression.",
        headers,
        rows);
  }

  private static String verdict(ConfigurationChange x) {
    if (x.flag().isPresent()) return "not compared: " + x.flag().get();
    List<String> regressions = new ArrayList<>();
    boolean notJudged = false;
    for (Change ch : x.changes()) {
      switch (ch.kind()) {
        case REGRESSION -> regressions.add(ch.metric());
        case NOT_JUDGED -> notJudged = true;
        case IMPROVEMENT, WITHIN_NOISE, NOT_MEASURED -> {}
      }
    }
    if (!regressions.isEmpty()) return "REGRESSION: " + String.join(", ", regressions);
    if (notJudged) return "not judged: one repetition (run --reps 2 or more, or give --tolerance)";
    return "ok";
  }

  private static String cell(Change ch) {
    String band = Double.isNaN(ch.band()) ? "" : " ±" + value(ch.metric(), ch.band());
    return value(ch.metric(), ch.base())
        + " → "
        + value(ch.metric(), ch.candidate())
        + " ("
        + signed(ch.metric(), ch.delta())
        + band
        + ")";
  }

  private static String value(String metric, double v) {
    if (Double.isNaN(v)) return "n/a";
    return String.format(Locale.ROOT, metric.equals("success_rate") ? "%.3f" : "%.4f", v);
  }

  private static String signed(String metric, double v) {
    if (Double.isNaN(v)) return "n/a";
    return (v >= 0 ? "+" : "") + value(metric, v);
  }

  private static Table maxBatches(FolderComparison c) {
    List<List<String>> rows = new ArrayList<>();
    for (MaxBatchChange m : c.maxBatches()) {
      String band = Double.isNaN(m.band()) ? "none" : "±" + Check.number(m.band());
      String verdict;
      if (m.searched()) verdict = "not judged: the capacity answer above is (probes are no grid)";
      else if (m.regressed()) verdict = "REGRESSION: fewer sessions held, beyond the noise band";
      else if (m.withinNoise()) verdict = "ok: fewer, within the noise band";
      else verdict = "ok";
      rows.add(
          List.of(
              m.base().mode(),
              m.base().session(),
              Check.number(m.base().waitSeconds()),
              m.base().display(),
              m.candidate().display(),
              band,
              verdict));
    }
    return new Table(
        "compare-max-batch",
        "Max batch, base → candidate",
        "The largest N that passed (success ≥ 0.95 and total p99 ≤ 2 × (wait + 0.5 s), as report"
            + " judges it). The noise band is how far each repetition's own max batch spread (the"
            + " larger of the two folders'), or --tolerance × base if wider; none when a folder"
            + " has one repetition. Fewer sessions held beyond it (by any number without one) is a"
            + " regression.",
        List.of("mode", "session", "wait_s", "base", "candidate", "noise_band", "verdict"),
        rows);
  }
}
