package dev.openenvbench.capacity;

import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.CellSchedule;
import dev.openenvbench.loadgen.NanoClock;
import dev.openenvbench.loadgen.RunConfig;
import dev.openenvbench.loadgen.Target;
import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.SessionRecord;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code capacity} command's cells: one {@link CapacitySearch} per wait × mode, in that order,
 * each probe an ordinary cell of the run. Prints each probe's outcome to {@code err} as it ends.
 * Stops starting probes once {@code --budget-seconds} have passed. Called on the run's thread,
 * except {@link #onSession}.
 */
final class CapacitySchedule implements CellSchedule {
  /** One search and what it is for. */
  record Search(
      CellPlan.Mode mode, double waitSeconds, CapacitySearch search, List<ProbeCheck> checks) {}

  private final CapacityConfig cfg;
  private final NanoClock clock;
  private final PrintStream err;
  private final List<Search> searches = new ArrayList<>();
  private final CellEvidence evidence = new CellEvidence();
  private final long startNanos;
  private int current;
  private Search probing;
  private List<Target> targets = List.of();
  private int taken;
  private String stoppedBy;
  private String lostLoad;

  CapacitySchedule(CapacityConfig cfg, NanoClock clock, PrintStream err) {
    this.cfg = cfg;
    this.clock = clock;
    this.err = err;
    RunConfig run = cfg.run();
    for (double w : run.waitGrid()) {
      for (CellPlan.Mode m : run.modes()) {
        searches.add(
            new Search(
                m,
                w,
                new CapacitySearch(
                    cfg.run().processes(),
                    cfg.startSessions(),
                    cfg.maxSessions(),
                    cfg.resolution(),
                    cfg.boundaryRuns(),
                    cfg.confirmRuns()),
                cfg.checks(w)));
      }
    }
    this.startNanos = clock.nanoTime();
  }

  @Override
  public CellPlan next(List<Target> targets, List<CellSummary> done) {
    finish(done);
    while (current < searches.size() && searches.get(current).search().done()) current++;
    if (current == searches.size()) return null;
    if (lostLoad != null) {
      stoppedBy = lostLoad;
      return null;
    }
    double elapsed = (clock.nanoTime() - startNanos) / 1e9;
    if (cfg.budgetSeconds() > 0 && elapsed >= cfg.budgetSeconds()) {
      stoppedBy = "--budget-seconds " + cfg.budgetSeconds() + " reached";
      return null;
    }
    Search s = searches.get(current);
    int n = s.search().next();
    probing = s;
    this.targets = targets;
    RunConfig run = cfg.run();
    return new CellPlan(
        s.mode(),
        targets,
        n,
        s.waitSeconds(),
        s.search().repetitionOf(n),
        run.steps(),
        run.rampSeconds(),
        run.barrier(),
        run.timeoutSeconds(),
        run.hardware(),
        null,
        run.workload());
  }

  /** Takes the last cell's outcome if it has not been taken (the run stopped after it). */
  void finish(List<CellSummary> done) {
    if (probing != null && done.size() > taken) take(done.getLast());
  }

  private void take(CellSummary cell) {
    taken++;
    CapacitySearch search = probing.search();
    Probe p =
        Probe.of(
            search.stage(),
            search.repetitionOf(cell.key().numRequests()),
            cell,
            probing.checks(),
            evidence.of(cell.key().cellId()),
            ServerCores.of(cell.server(), targets));
    search.record(p);
    err.println(line(probing, p));
    // Not stopped by the run (that ends the loop first), so a harness process or srun task of the
    // probe was lost: asking the same N again could go on for ever if a node stays down.
    if (p.incomplete() && lostLoad == null) {
      lostLoad =
          String.format(
              Locale.ROOT,
              "probe %s (N=%d) lost part of its load (a harness process or srun task ended"
                  + " before its share; see the notices above): the search stops rather than judge"
                  + " N on a share of it",
              cell.key().cellId(),
              cell.key().numRequests());
    }
    probing = null;
  }

  private static String line(Search s, Probe p) {
    String verdict = p.passed() ? "pass" : "FAIL " + String.join("; ", p.failures());
    return String.format(
        Locale.ROOT,
        "openenv-bench capacity: %s wait %s s  %-8s N=%-6d run %d  %s  (success %.1f%%, total p99"
            + " %.3f s, in flight %.0f%s)",
        s.mode().label(),
        CapacityResult.seconds(s.waitSeconds()),
        p.stage().label(),
        p.n(),
        p.repetition(),
        verdict,
        100 * p.successRate(),
        p.totalP99(),
        p.inFlight(),
        p.saturated() ? ", HARNESS SATURATED" : "");
  }

  @Override
  public void onSession(SessionRecord r) {
    evidence.add(r);
  }

  @Override
  public boolean printsCells() {
    return false;
  }

  @Override
  public Map<String, Object> describe() {
    return Map.of("capacity", cfg.describe());
  }

  List<Search> searches() {
    return searches;
  }

  /** Why searches stopped before they were done (the budget, a probe's lost load), or null. */
  String stoppedBy() {
    return stoppedBy;
  }

  /** Why the searches stopped at a probe that lost part of its load, or null. */
  String lostLoad() {
    return stoppedBy != null && stoppedBy.equals(lostLoad) ? lostLoad : null;
  }
}
