package dev.openenvbench.report;

import static dev.openenvbench.results.SummaryColumns.stat;

import dev.openenvbench.results.CapacityFile;
import dev.openenvbench.results.Phase;
import dev.openenvbench.results.SeedCriterion;
import dev.openenvbench.results.Stat;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The report's opening: per infrastructure × mode × session × wait, a capacity search's answer when
 * the folder has a {@code capacity.json} (its capacity, bracket and limiting factor, as the search
 * named them), then the max batch of the sweep ({@link MaxBatch}), whose limiting factor is read
 * from the first N that failed (its error kinds, else which latency broke the SLO).
 */
public final class Verdicts {
  private static final String SATURATED =
      "; the harness was saturated there, so this is a lower bound (add --processes or hosts)";
  private static final String CAPACITY_REACHED = "CAPACITY_REACHED";

  private Verdicts() {}

  public static List<Verdict> of(Analysis a) {
    List<Verdict> searched = new ArrayList<>();
    for (InfraResults infra : a.infras()) {
      for (CapacityFile.Answer c : infra.capacities()) searched.add(capacity(infra, c));
    }
    List<Verdict> out = new ArrayList<>();
    for (Verdict grid : grid(a)) {
      // A search's answer leads the grid's for the same deployment × mode × session × wait.
      searched.stream().filter(c -> sameCase(c, grid) && !out.contains(c)).forEach(out::add);
      out.add(grid);
    }
    searched.stream().filter(c -> !out.contains(c)).forEach(out::add);
    return out;
  }

  private static boolean sameCase(Verdict a, Verdict b) {
    return a.infra().equals(b.infra())
        && a.mode().equals(b.mode())
        && a.session().equals(b.session())
        && a.waitSeconds() == b.waitSeconds();
  }

  /**
   * A search's answer. Its session shape is its probes' (its run's rows at its mode and wait), so
   * that it lines up with the grid's row of the same probes.
   */
  private static Verdict capacity(InfraResults infra, CapacityFile.Answer c) {
    String session =
        infra.batchRows().stream()
            .filter(
                r ->
                    c.runId().equals(r.get(SummaryColumns.RUN_ID))
                        && r.mode().equals(c.mode())
                        && r.configuration().waitSeconds() == c.waitSeconds())
            .map(r -> r.configuration().session())
            .findFirst()
            .orElse("");
    String bracket =
        (c.capacity() > 0 ? c.capacity() + " pass" : "none passed")
            + (c.fail() > 0 ? ", " + c.fail() + " fail" : ", nothing failed")
            + (c.resolved() ? "" : " (not resolved)")
            + (c.confirmed() ? "" : " (not confirmed)");
    // The harness as the factor already says it was saturated: say once that this is a bound.
    String limited =
        c.limitText()
            + (!c.lowerBound()
                ? ""
                : CapacityFile.Answer.HARNESS.equals(c.limitKind())
                    ? ": a lower bound (add --processes or hosts)"
                    : "; the harness was saturated at or above the failing N, so this is a lower bound"
                        + " (add --processes or hosts)");
    return new Verdict(
        infra.label(),
        c.mode(),
        session,
        c.waitSeconds(),
        c.display(),
        bracket,
        limited,
        Verdict.CAPACITY,
        c.judgedOn());
  }

  private static List<Verdict> grid(Analysis a) {
    List<Verdict> out = new ArrayList<>();
    for (MaxBatch m : a.maxBatches()) {
      InfraResults infra =
          a.infras().stream().filter(i -> i.label().equals(m.infra())).findFirst().orElseThrow();
      Optional<Cell> failing = failingCell(a, m);
      String limited = limitedBy(m, failing, infra);
      // A limit the harness may have caused reads as a bound, as a capacity search's does.
      boolean bound = m.limit() == MaxBatch.Limit.FOUND && limited.endsWith(SATURATED);
      out.add(
          new Verdict(
              m.infra(),
              m.mode(),
              m.session(),
              m.waitSeconds(),
              bound ? "≥ " + m.maxN() : m.display(),
              bracket(m),
              limited,
              Verdict.GRID,
              judgedOn(a.config(), m.waitSeconds())));
    }
    return out;
  }

  /** The report's own criteria at a wait, in the words a search's capacity.json gets. */
  private static String judgedOn(ReportConfig c, double waitSeconds) {
    String success = "success ≥ " + SeedCriterion.number(c.successThreshold());
    if (!c.latencySlo()) return success + " (no latency SLO)";
    return success + ", total p99 ≤ " + SeedCriterion.number(c.sloSecondsFor(waitSeconds)) + " s";
  }

  /** The verdicts as the report's first table. */
  public static Table table(Analysis a) {
    List<List<String>> rows =
        of(a).stream()
            .map(
                v ->
                    List.of(
                        v.infra(),
                        v.mode(),
                        v.session(),
                        Format.waitSeconds(v.waitSeconds()),
                        v.answer(),
                        v.bracket(),
                        v.limitedBy(),
                        v.source(),
                        v.judgedOn()))
            .toList();
    return new Table(
        "verdict",
        "Verdict: concurrent sessions held, and what stopped more",
        "Per infrastructure, mode and wait: a capacity search's answer when the folder has a"
            + " capacity.json, then the largest N of the grid that passed (success rate and latency"
            + " SLO, defined below), the measured N on either side of the limit, and the evidence"
            + " of the first N that failed. ≥ marks a lower bound: nothing failed, or the harness"
            + " was saturated where it did. A search judges its probes by its own criteria, the"
            + " grid by the report's (judged_on), so the two rows of one case can differ.",
        List.of(
            "infra",
            "mode",
            "session",
            "wait_s",
            "sessions",
            "bracket",
            "limited_by",
            "source",
            "judged_on"),
        rows);
  }

  private static Optional<Cell> failingCell(Analysis a, MaxBatch m) {
    if (m.nextN() == 0) return Optional.empty();
    return a.cells().get(m.infra()).stream()
        .filter(
            c ->
                c.mode().equals(m.mode())
                    && c.session().equals(m.session())
                    && c.waitSeconds() == m.waitSeconds()
                    && c.n() == m.nextN())
        .findFirst();
  }

  private static String bracket(MaxBatch m) {
    return switch (m.limit()) {
      case FOUND -> m.maxN() + " pass, " + m.nextN() + " fail";
      case NOT_REACHED -> m.maxN() + " pass, nothing larger tested";
      case NONE_PASSED -> "smallest tested, " + m.nextN() + ", fails";
      case NOT_MEASURED -> "no N measured to the end";
    };
  }

  static String limitedBy(MaxBatch m, Optional<Cell> failing, InfraResults infra) {
    if (m.limit() == MaxBatch.Limit.NOT_REACHED) {
      return "not reached: every N tested passed; sweep larger N" + saturated(m.atMax());
    }
    if (failing.isEmpty()) return "not measured";
    Cell c = failing.get();
    List<SummaryRecord> reps =
        Repetitions.complete(
            infra.batchRows().stream().filter(r -> r.configuration().equals(c.config())).toList());
    Map<String, Integer> errors = errors(reps);
    String why;
    if (!errors.isEmpty() && !c.successOk()) {
      why = failures(c, reps, errors);
    } else if (!c.latencyOk()) {
      why = latency(c, reps);
    } else if (!c.successOk()) {
      why = "success rate " + Format.rate(c.successMean()) + " at N=" + c.n();
    } else {
      why = "N=" + c.n() + " not measured to the end";
    }
    // A server's own refusal is not the harness's doing, however busy it was (as capacity says).
    boolean refused = errors.keySet().stream().anyMatch(k -> k.endsWith(CAPACITY_REACHED));
    return why + (refused && !c.successOk() ? "" : saturated(failing));
  }

  /** The error kinds of the failing N, the server's session cap first. */
  private static String failures(Cell c, List<SummaryRecord> reps, Map<String, Integer> errors) {
    int sessions = reps.stream().mapToInt(SummaryRecord::numRequests).sum();
    int failed = errors.values().stream().mapToInt(Integer::intValue).sum();
    String counts =
        errors.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .map(e -> e.getKey() + " ×" + e.getValue())
            .collect(Collectors.joining(", "));
    String kind;
    if (errors.keySet().stream().anyMatch(k -> k.endsWith(CAPACITY_REACHED))) {
      kind = "the server's session cap (CAPACITY_REACHED)";
    } else if (errors.keySet().stream().allMatch(k -> k.startsWith("connect_"))) {
      kind = "connection failures";
    } else if (errors.keySet().stream().allMatch(k -> k.equals("read_timeout"))) {
      kind = "reply timeouts";
    } else {
      kind = "failed sessions";
    }
    return String.format(
        Locale.ROOT,
        "%s at N=%d: %d of %d sessions failed (%s)",
        kind,
        c.n(),
        failed,
        sessions,
        counts);
  }

  /** Which phase of the session took the time when the SLO broke. */
  private static String latency(Cell c, List<SummaryRecord> reps) {
    String phase = "";
    double worst = -1;
    for (Phase p : List.of(Phase.CONNECT, Phase.RESET, Phase.STEP_OVERHEAD, Phase.CLOSE)) {
      double v = Repetitions.worst(reps, stat(p, Stat.P99));
      if (v > worst) {
        worst = v;
        phase = p.columnPrefix();
      }
    }
    // Name a phase only when it explains a fair share of the time above the waits themselves.
    double beyondWaits = c.totalP99Seconds() - c.config().steps() * c.waitSeconds();
    String part =
        worst >= 0.25 * beyondWaits && worst > 0
            ? "; largest part: " + phase + " p99 " + Format.seconds(worst) + " s"
            : "; no single phase's p99 explains it";
    return "the latency SLO at N="
        + c.n()
        + ": total p99 "
        + Format.seconds(c.totalP99Seconds())
        + " s > "
        + Format.seconds(c.sloSeconds())
        + " s"
        + part;
  }

  private static String saturated(Optional<Cell> c) {
    return c.filter(Cell::harnessSaturated).isPresent() ? SATURATED : "";
  }

  /** Failures per kind over the repetitions, from summary.csv's {@code errors} column. */
  static Map<String, Integer> errors(List<SummaryRecord> reps) {
    Map<String, Integer> out = new TreeMap<>();
    for (SummaryRecord r : reps) {
      String text = r.get(SummaryColumns.ERRORS);
      if (text == null || text.isBlank()) continue;
      for (String part : text.split(";")) {
        int eq = part.lastIndexOf('=');
        if (eq <= 0) continue;
        try {
          out.merge(part.substring(0, eq), Integer.parseInt(part.substring(eq + 1)), Integer::sum);
        } catch (NumberFormatException e) {
          out.merge(part, 1, Integer::sum); // another tool's text: count it, keep its words
        }
      }
    }
    return out;
  }
}
