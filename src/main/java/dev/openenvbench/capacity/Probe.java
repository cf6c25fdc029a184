package dev.openenvbench.capacity;

import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.Phase;
import dev.openenvbench.results.PhaseStats;
import java.util.List;
import java.util.SortedMap;

/**
 * One probe of a capacity search: a recorded {@code run} cell of N sessions, with what the search
 * and the limiting-factor analysis need from it. Latencies in seconds (NaN when no session
 * succeeded).
 *
 * @param stage why the search ran it
 * @param repetition this N's run number within the search (the cell's {@code repetition})
 * @param failures the checks it failed, in words; empty when the criteria hold
 * @param concurrent whether its sessions really overlapped (peak in step ≥ {@value
 *     #CONCURRENT_FRACTION} of the successful ones, less one)
 * @param inFlight Little's law's L: steps completed per second (over the span the steps ran in) ×
 *     wait: the steps the server really had running at once, on average
 * @param saturated the harness may have limited the probe (its own event loops lagged, or CPU)
 * @param endedOn the criterion of the first failed check, or null
 * @param wallSeconds the cell's wall time, its start to its last session's end
 * @param serverCpuSeconds CPU the server's workers used during the cell (summary.csv's {@code
 *     server_cpu_seconds}), NaN when the server reports none
 * @param serverCores how many cores the server may use, and who said so
 */
public record Probe(
    Stage stage,
    int n,
    int repetition,
    String cellId,
    boolean passed,
    String endedOn,
    List<String> failures,
    double successRate,
    double totalP99,
    double connectP99,
    double resetP99,
    double stepP99,
    double stepOverheadP99,
    int peakConcurrency,
    double inFlight,
    boolean concurrent,
    boolean saturated,
    double loopLagMaxMs,
    SortedMap<String, Integer> errors,
    int capacityRefusals,
    int serverMaxSessions,
    int serverActiveSessions,
    int serverProcesses,
    double wallSeconds,
    double serverCpuSeconds,
    ServerCores serverCores) {
  /** Below this share of its successful sessions in step at once, a probe was not concurrent. */
  public static final double CONCURRENT_FRACTION = 0.9;

  /** The {@code ended_on} of a probe the run stopped during: neither a pass nor a fail. */
  public static final String INCOMPLETE = "incomplete";

  /** The search's stages, in order. */
  public enum Stage {
    GROW,
    BISECT,
    BOUNDARY,
    CONFIRM;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static Probe of(
      Stage stage,
      int repetition,
      CellSummary s,
      List<ProbeCheck> checks,
      CellEvidence.Cell e,
      ServerCores cores) {
    List<String> failures = new java.util.ArrayList<>();
    String endedOn = null;
    for (ProbeCheck c : checks) {
      var f = c.failure(s);
      if (f.isPresent()) {
        failures.add(f.get());
        if (endedOn == null) endedOn = c.criterion();
      }
    }
    // One session short is still "near N" for a small N (8 of 9 is 89 %).
    boolean concurrent = s.peakConcurrency() >= CONCURRENT_FRACTION * s.successful() - 1;
    if (!concurrent && failures.isEmpty()) {
      failures.add(
          "not concurrent: peak "
              + s.peakConcurrency()
              + " of "
              + s.successful()
              + " sessions in step at once");
      endedOn = "concurrency";
    }
    if (s.incomplete()) {
      // Its unfinished sessions were cut off, not failed: no other check means anything.
      failures.clear();
      failures.add(
          "incomplete: the probe ended before all its sessions did (the run was stopped, or a"
              + " harness process of it was lost)");
      endedOn = INCOMPLETE;
    }
    return new Probe(
        stage,
        s.key().numRequests(),
        repetition,
        s.key().cellId(),
        failures.isEmpty(),
        endedOn,
        List.copyOf(failures),
        ProbeCheck.SuccessRate.rate(s),
        p99(s, Phase.TOTAL),
        p99(s, Phase.CONNECT),
        p99(s, Phase.RESET),
        p99(s, Phase.STEP),
        p99(s, Phase.STEP_OVERHEAD),
        s.peakConcurrency(),
        inFlight(s, e),
        concurrent,
        s.harness().saturated(),
        s.harness().loopLagMaxMs(),
        s.errors(),
        e.capacityRefusals(),
        e.maxSessionsReported(),
        e.activeReported(),
        e.serverProcesses(),
        s.totalWallTime(),
        s.server().cpuSeconds() == null ? Double.NaN : s.server().cpuSeconds(),
        cores);
  }

  /** Whether the run stopped during this probe (Ctrl-C): it says nothing about its N. */
  public boolean incomplete() {
    return INCOMPLETE.equals(endedOn);
  }

  /**
   * The server's cores busy on average over the cell: its CPU seconds over the cell's wall time
   * (the CPU is counted between scrapes just before and after the cell, so it covers the wall
   * time); NaN when the server reports no CPU.
   */
  public double serverCoresBusy() {
    return wallSeconds > 0 ? serverCpuSeconds / wallSeconds : Double.NaN;
  }

  /**
   * Little's law over the step phase: L = λ·W, with λ the steps completed per second of the span
   * the steps were served in and W the wait each step asked for. Connects and resets are left out,
   * so a slow connect storm does not read as a limiter. Falls back to the cell's effective
   * concurrency (whose span is the whole cell) when the rows had no step offsets.
   */
  private static double inFlight(CellSummary s, CellEvidence.Cell e) {
    double span = e.stepSpanSeconds();
    if (!(span > 0)) return s.effectiveConcurrency();
    return s.successful() * s.key().steps() * s.key().waitSeconds() / span;
  }

  private static double p99(CellSummary s, Phase p) {
    PhaseStats stats = s.phase(p);
    return stats == null ? Double.NaN : stats.p99();
  }
}
