package dev.openenvbench.results;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The console block of an open-loop cell's schedule and latencies: how the arrivals went, then
 * every latency measured from the session's intended start (corrected for coordinated omission)
 * beside the same from its actual start (uncorrected), labelled, as wrk2 prints them.
 */
final class OpenLoopConsole {
  private final PrintWriter out;

  OpenLoopConsole(PrintWriter out) {
    this.out = out;
  }

  /** The cell's title: what is a batch's N is its arrival schedule here. */
  static String title(CellKey k) {
    OpenLoop o = k.openLoop();
    return String.format(
        Locale.ROOT,
        "%s/s %s for %s s (at most %d in flight)",
        number(o.ratePerSecond()),
        o.process(),
        number(o.durationSeconds()),
        o.maxInFlight());
  }

  void arrivals(CellSummary s) {
    ArrivalCounts a = s.arrivals();
    PhaseStats delay = s.phase(Phase.START_DELAY);
    out.printf(
        Locale.ROOT,
        "Arrivals: %d scheduled, %d started (N), %d late (> %.0f ms), %d dropped;"
            + " start delay p50 %s p99 %s max %s s%n",
        a.scheduled(),
        s.key().numRequests(),
        a.late(),
        OpenLoop.LATE_SECONDS * 1000,
        a.dropped(),
        delay == null ? "-" : fmt(delay.p50()),
        delay == null ? "-" : fmt(delay.p99()),
        delay == null ? "-" : fmt(delay.max()));
  }

  void latencies(CellSummary s) {
    out.printf(Locale.ROOT, "%-14s %10s %10s %10s%n", "Latency (s)", "P50", "P95", "P99");
    out.println("from the intended start (corrected for coordinated omission):");
    row(s, "connect", Phase.CONNECT);
    row(s, "total", Phase.TOTAL);
    out.println("from the actual start (uncorrected):");
    row(s, "connect", Phase.CONNECT_UNCORRECTED);
    row(s, "total", Phase.TOTAL_UNCORRECTED);
    out.println("round trips (each from its own request):");
    for (Phase p : List.of(Phase.RESET, Phase.STEP, Phase.STEP_OVERHEAD)) {
      row(s, p.columnPrefix(), p);
    }
  }

  /** Why an open-loop cell's numbers need care. */
  static List<String> warnings(CellSummary s) {
    ArrivalCounts a = s.arrivals();
    List<String> w = new java.util.ArrayList<>();
    if (a.dropped() > 0) {
      w.add(
          String.format(
              Locale.ROOT,
              "%d of %d arrivals were dropped: they were still waiting for one of the %d slots"
                  + " when the window closed: sessions did not finish fast enough for %s/s",
              a.dropped(),
              a.scheduled(),
              s.key().openLoop().maxInFlight(),
              number(s.key().openLoop().ratePerSecond())));
    }
    if (a.late() > 0) {
      w.add(
          String.format(
              Locale.ROOT,
              "%d session(s) started late: their corrected latencies include the wait",
              a.late()));
    }
    return w;
  }

  private void row(CellSummary s, String name, Phase p) {
    PhaseStats st = s.phase(p);
    if (st == null) {
      out.printf(Locale.ROOT, "%-14s %10s %10s %10s%n", name, "-", "-", "-");
    } else {
      out.printf(Locale.ROOT, "%-14s %10.4f %10.4f %10.4f%n", name, st.p50(), st.p95(), st.p99());
    }
  }

  private static String fmt(double seconds) {
    return String.format(Locale.ROOT, "%.4f", seconds);
  }

  static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
