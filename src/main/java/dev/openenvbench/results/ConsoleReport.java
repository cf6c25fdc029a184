package dev.openenvbench.results;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console tables of a run, written to stdout: one block per cell (as the seed printed after
 * each run), the HTTP-vs-WebSocket comparison, and the grid sweep's final table. Latencies in
 * seconds. Failures are grouped by cause; a harness that was itself saturated, a cell that did not
 * finish and load that was not concurrent are called out.
 */
public final class ConsoleReport {
  private final PrintWriter out;

  public ConsoleReport(PrintWriter out) {
    this.out = out;
  }

  public void cell(CellSummary s, int reps) {
    cell(s, reps, s.key().numRequests());
  }

  /**
   * A cell's block, its peak concurrency judged against {@code sessions}, the sessions this process
   * ran of it: a {@code run --segment} runs a share of a cell whose key keeps the cell's N, and
   * judged against N its share, all stepping at once, was warned as half "failed or did not
   * finish". A merged cell keeps N, so one that lacks a lost segment's sessions still says so.
   */
  public void cell(CellSummary s, int reps, int sessions) {
    CellKey k = s.key();
    OpenLoopConsole open = k.openLoop() == null ? null : new OpenLoopConsole(out);
    String rule = "=".repeat(72);
    out.println(rule);
    out.printf(
        Locale.ROOT,
        "%s  %s  wait=%ss  steps=%d  rep %d/%d  %s%n",
        k.mode().toUpperCase(Locale.ROOT),
        open == null ? "N=" + k.numRequests() : OpenLoopConsole.title(k),
        k.waitSeconds(),
        k.steps(),
        k.repetition(),
        reps,
        k.url());
    out.println(rule);
    out.printf(
        Locale.ROOT,
        "Results: %d successful, %d failed%s (error rate %s)%s%n",
        s.successful(),
        s.failed(),
        s.unfinished() > 0 ? ", " + s.unfinished() + " unfinished" : "",
        pct(s.errorRate()),
        s.incomplete() ? "  INCOMPLETE" : "");
    out.printf(
        Locale.ROOT,
        "Wall time: %.3f s   Requests/s: %.2f   Effective concurrency: %.2f%n",
        s.totalWallTime(),
        s.requestsPerSecond(),
        s.effectiveConcurrency());
    out.printf(
        Locale.ROOT,
        "Peak concurrency (sessions in step at once): %d/%d%n",
        s.peakConcurrency(),
        sessions);
    if (s.episodesDone() > 0) {
      out.printf(
          Locale.ROOT,
          "Episodes ended by the environment (done: true): %d of %d successful sessions%n",
          s.episodesDone(),
          s.successful());
    }
    if (open != null) open.arrivals(s);
    out.println();
    if (open != null) {
      open.latencies(s);
    } else {
      latencyTable(s);
    }
    serverSide(s.server());
    out.println();
    out.printf(
        Locale.ROOT,
        "Distribution: %d unique pids, %d unique sessions, %d unique hosts%s%n",
        s.uniquePids(),
        s.uniqueSessions(),
        s.uniqueHosts(),
        s.hostsSource() == null || s.hostsSource().equals(DistinctHosts.HOST_URL)
            ? ""
            : " (by " + s.hostsSource() + ")");
    failures(s, s.errorExamples());
    abandoned(s.abandoned());
    HarnessLoad h = s.harness();
    out.printf(
        Locale.ROOT,
        "Harness: cpu %.2f s, max event-loop lag %.1f ms, gc %.0f ms, max open fds %d%s%n",
        h.cpuSeconds(),
        h.loopLagMaxMs(),
        h.gcPauseMs(),
        h.openFdsMax(),
        h.saturated() ? "  SATURATED: the harness may have limited this cell" : "");
    warnings(s, sessions).forEach(w -> out.println("WARNING: " + w));
    out.println();
    out.flush();
  }

  private void latencyTable(CellSummary s) {
    out.printf(Locale.ROOT, "%-14s %10s %10s %10s%n", "Latency (s)", "P50", "P95", "P99");
    for (Phase p :
        List.of(Phase.CONNECT, Phase.RESET, Phase.STEP, Phase.TOTAL, Phase.STEP_OVERHEAD)) {
      PhaseStats st = s.phase(p);
      if (st == null) {
        out.printf(Locale.ROOT, "%-14s %10s %10s %10s%n", p.columnPrefix(), "-", "-", "-");
      } else {
        out.printf(
            Locale.ROOT,
            "%-14s %10.4f %10.4f %10.4f%n",
            p.columnPrefix(),
            st.p50(),
            st.p95(),
            st.p99());
      }
    }
    PhaseStats delay = s.phase(Phase.START_DELAY);
    PhaseStats own = s.phase(Phase.CONNECT_UNCORRECTED);
    if (delay != null && own != null) {
      // Through the open window every session was due at the cell start: its connect above holds
      // its wait for a turn, which is the harness's queue, not the server's connect.
      out.printf(
          Locale.ROOT,
          "(opened through the open window: connect counts from the cell start; the wait for a"
              + " turn p50 %.4f, p99 %.4f s; the connect itself p50 %.4f, p99 %.4f s)%n",
          delay.p50(),
          delay.p99(),
          own.p50(),
          own.p99());
    }
  }

  /** The server's own figures under the harness's step_overhead row, when the server has them. */
  private void serverSide(ServerSide v) {
    if (!v.known()) return;
    out.printf(
        Locale.ROOT,
        "%-14s %10s %10s %10s  server's own (/metrics, bucket bounds), cpu %s s%s%n",
        "server_ovhd",
        bound(v.overheadP50()),
        "",
        bound(v.overheadP99()),
        v.cpuSeconds() == null ? "-" : String.format(Locale.ROOT, "%.2f", v.cpuSeconds()),
        ServerSide.PARTIAL.equals(v.status()) ? "  PARTIAL: not every worker answered" : "");
  }

  /** What the probe after the cell found of the abandoned sessions' slots. */
  private void abandoned(AbandonedSlots a) {
    if (a.how() == null) return;
    String found;
    if (a.abandoned() == 0) {
      found = "none reached their step";
    } else if (a.probe() == null) {
      found = "the server counts no slots (no /metrics): not known";
    } else if (a.recoverySeconds() == null && a.slotsHeld() == null) {
      found =
          "not known: the server admitted more probe sessions than the cell had (no"
              + " CAPACITY_REACHED to count by); run with N = its session cap";
    } else if (a.recoverySeconds() != null) {
      found =
          String.format(
              Locale.ROOT,
              "the server gave the slots back %.2f s after the last one (%s)",
              a.recoverySeconds(),
              a.probe());
    } else {
      found =
          (a.slotsHeld() == null ? "some" : Integer.toString(a.slotsHeld()))
              + " slot(s) still held when the probe gave up ("
              + a.probe()
              + ")";
    }
    out.printf(Locale.ROOT, "Abandoned: %d (%s): %s%n", a.abandoned(), a.how(), found);
  }

  private static String bound(Double seconds) {
    if (seconds == null) return "-";
    return seconds.isInfinite() ? "+Inf" : String.format(Locale.ROOT, "<=%.4f", seconds);
  }

  private void failures(CellSummary s, Map<String, String> examples) {
    if (s.errors().isEmpty()) return;
    out.println("Failures by cause:");
    s.errors()
        .forEach(
            (cause, n) -> {
              String ex = examples.get(cause);
              out.printf(
                  Locale.ROOT, "  %-36s %6d%s%n", cause, n, ex == null ? "" : "  e.g. " + ex);
            });
  }

  /** Why a cell's numbers need care; empty when none. */
  public static List<String> warnings(CellSummary s) {
    return warnings(s, s.key().numRequests());
  }

  /** The same, for a process that ran {@code n} of the cell's sessions. */
  public static List<String> warnings(CellSummary s, int n) {
    List<String> w = new java.util.ArrayList<>();
    // Open-loop sessions overlap as their schedule has them: not all at once by design.
    if (s.arrivals() != null) w.addAll(OpenLoopConsole.warnings(s));
    if (s.arrivals() == null && s.successful() > 0 && s.peakConcurrency() < n) {
      // A cell with start delays opened through the open window: a wider one is a remedy. A
      // barrier that ran already is not one: each --processes process holds its own, and theirs
      // overlap only when the wait outlasts the slowest process's opening.
      List<String> remedies = new java.util.ArrayList<>();
      if (!s.key().barrier()) remedies.add("--barrier");
      remedies.add("a longer --wait");
      if (s.phase(Phase.START_DELAY) != null) {
        remedies.add("a wider --open-window (0 = all at once)");
      } else if (!s.key().barrier()) remedies.add("--ramp-seconds 0");
      String remedy =
          remedies.size() == 1
              ? remedies.getFirst()
              : String.join(", ", remedies.subList(0, remedies.size() - 1))
                  + ", or "
                  + remedies.getLast();
      String why =
          s.peakConcurrency() < s.successful()
              ? "the load was not fully concurrent (use " + remedy + ")"
              : (n - s.successful()) + " session(s) failed or did not finish";
      w.add(
          String.format(
              Locale.ROOT,
              "only %d of %d sessions were stepping at the same time: %s",
              s.peakConcurrency(),
              n,
              why));
    }
    if (s.incomplete())
      w.add("the cell stopped before all sessions finished; it holds what finished");
    if (s.harness().saturated()) {
      // Opening fewer at once keeps the replies that fall due from waiting behind the opens
      // (docs/benchmarks.md, "An open window at N = 10,000"); more processes add cores.
      String remedy =
          s.arrivals() != null
              ? "more harness processes: --processes, --srun"
              : s.phase(Phase.START_DELAY) != null
                  ? "a narrower --open-window, or more harness processes: --processes, --srun"
                  : "--open-window 8 opens fewer at once, or more harness processes: --processes,"
                      + " --srun";
      w.add("the harness was saturated; latencies may include its own delay (" + remedy + ")");
    }
    return w;
  }

  public void compare(CellSummary http, CellSummary ws) {
    out.printf(
        Locale.ROOT,
        "HTTP vs WebSocket  (N=%d, wait=%ss, rep %d)%n",
        ws.key().numRequests(),
        ws.key().waitSeconds(),
        ws.key().repetition());
    out.printf(Locale.ROOT, "%-26s %14s %14s%n", "Metric", "HTTP", "WebSocket");
    row("successful", Integer.toString(http.successful()), Integer.toString(ws.successful()));
    row("error rate", pct(http.errorRate()), pct(ws.errorRate()));
    for (Phase p : List.of(Phase.CONNECT, Phase.RESET, Phase.STEP, Phase.TOTAL)) {
      row(p.columnPrefix() + " p50 (s)", sec(http.phase(p), false), sec(ws.phase(p), false));
      row(p.columnPrefix() + " p99 (s)", sec(http.phase(p), true), sec(ws.phase(p), true));
    }
    row("wall time (s)", fmt(http.totalWallTime()), fmt(ws.totalWallTime()));
    row("requests/s", fmt(http.requestsPerSecond()), fmt(ws.requestsPerSecond()));
    row("effective concurrency", fmt(http.effectiveConcurrency()), fmt(ws.effectiveConcurrency()));
    row(
        "peak concurrency",
        Integer.toString(http.peakConcurrency()),
        Integer.toString(ws.peakConcurrency()));
    row("unique pids", Integer.toString(http.uniquePids()), Integer.toString(ws.uniquePids()));
    row(
        "unique sessions",
        Integer.toString(http.uniqueSessions()),
        Integer.toString(ws.uniqueSessions()));
    row("unique hosts", Integer.toString(http.uniqueHosts()), Integer.toString(ws.uniqueHosts()));
    out.println();
    out.flush();
  }

  private void row(String name, String a, String b) {
    out.printf(Locale.ROOT, "%-26s %14s %14s%n", name, a, b);
  }

  public void grid(List<CellSummary> all) {
    out.println("Grid sweep summary (latencies in seconds)");
    out.printf(
        Locale.ROOT,
        "%-5s %6s %6s %4s %6s %6s %9s %9s %9s %8s %8s %9s %6s  %s%n",
        "mode",
        "N",
        "wait",
        "rep",
        "ok",
        "fail",
        "step_p50",
        "step_p99",
        "total_p99",
        "wall",
        "req/s",
        "eff_conc",
        "peak",
        "flags");
    for (CellSummary s : all) {
      CellKey k = s.key();
      out.printf(
          Locale.ROOT,
          "%-5s %6d %6s %4d %6d %6d %9s %9s %9s %8.3f %8.2f %9.2f %6d  %s%n",
          k.mode(),
          k.numRequests(),
          k.waitSeconds(),
          k.repetition(),
          s.successful(),
          s.failed(),
          sec(s.phase(Phase.STEP), false),
          sec(s.phase(Phase.STEP), true),
          sec(s.phase(Phase.TOTAL), true),
          s.totalWallTime(),
          s.requestsPerSecond(),
          s.effectiveConcurrency(),
          s.peakConcurrency(),
          flags(s));
    }
    out.println();
    out.flush();
  }

  private static String flags(CellSummary s) {
    List<String> f = new java.util.ArrayList<>();
    if (s.incomplete()) f.add("INCOMPLETE");
    if (s.harness().saturated()) f.add("SATURATED");
    if (s.arrivals() == null && s.peakConcurrency() < s.successful()) f.add("NOT_CONCURRENT");
    if (s.arrivals() != null && s.arrivals().dropped() > 0) f.add("DROPPED");
    return String.join(",", f);
  }

  private static String sec(PhaseStats st, boolean p99) {
    return st == null ? "-" : String.format(Locale.ROOT, "%.4f", p99 ? st.p99() : st.p50());
  }

  /** A fraction as a percentage; "n/a" when it is unknown (no session finished). */
  private static String pct(double fraction) {
    return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
