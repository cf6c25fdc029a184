package dev.openenvbench.capacity;

import dev.openenvbench.loadgen.AbortSignal;
import dev.openenvbench.loadgen.CellProgress;
import dev.openenvbench.loadgen.RunService;
import dev.openenvbench.results.OutputWriteException;
import dev.openenvbench.results.SummaryRecord;
import dev.openenvbench.verdict.Check;
import dev.openenvbench.verdict.Thresholds;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a {@code capacity} command: one run (one manifest, one local server if no URL) whose cells
 * the searches choose, then one sentence per mode × wait on {@code out} and {@code capacity.json}
 * next to the run's files. Progress on {@code err}.
 */
public final class CapacityService {
  /**
   * @param capacityFile capacity.json, or null when it could not be written
   * @param lostLoad why the searches stopped at a probe that lost a harness process or srun task
   *     before its share was done (the run was not stopped), or null
   */
  public record Outcome(
      List<CapacityResult> results,
      RunService.RunOutcome run,
      Path capacityFile,
      String lostLoad) {}

  private final RunService runs;
  private final PrintWriter out;
  private final PrintStream err;

  /**
   * @param runs runs the probes (its clock, JVM for a local server and live metrics are the
   *     search's)
   * @param out the sentences; {@code err} the probes as they end, and notices
   */
  public CapacityService(RunService runs, PrintWriter out, PrintStream err) {
    this.runs = runs;
    this.out = out;
    this.err = err;
  }

  /**
   * Runs the searches and writes capacity.json, also when {@code abort} stopped them (Ctrl-C): then
   * with what they found so far, marked stopped. Holds {@code abort} until the file is written, so
   * that a shutdown hook waiting on it lets the JVM exit only after.
   */
  public Outcome run(CapacityConfig cfg, AbortSignal abort)
      throws IOException, InterruptedException {
    return run(cfg, abort, p -> {});
  }

  /**
   * @param onProbeStart called (on the run's thread) as each probe starts, as {@code run}'s {@code
   *     onCellStart}: {@code experiment} keeps its cooldown and progress there
   */
  public Outcome run(CapacityConfig cfg, AbortSignal abort, Consumer<CellProgress> onProbeStart)
      throws IOException, InterruptedException {
    abort.hold();
    try {
      CapacitySchedule schedule = new CapacitySchedule(cfg, runs.clock(), err);
      RunService.RunOutcome run = runs.run(cfg.run(), schedule, abort, onProbeStart);
      schedule.finish(run.cells());
      String stoppedBy = run.abortReason() != null ? run.abortReason() : schedule.stoppedBy();
      List<CapacityResult> results =
          schedule.searches().stream().map(s -> CapacityResult.of(s, stoppedBy)).toList();
      out.println();
      results.forEach(r -> out.println(r.sentence()));
      out.flush();
      Path file = null;
      try {
        file =
            CapacityJson.write(
                cfg.run().outputDir(), run.runId(), criteria(cfg), run.abortReason(), results);
        err.println("openenv-bench capacity: answers in " + file);
      } catch (OutputWriteException e) {
        err.println("openenv-bench capacity: " + e.getMessage());
      }
      return new Outcome(results, run, file, schedule.lostLoad());
    } finally {
      abort.markFinished();
    }
  }

  /**
   * The {@code --threshold} checks of each search's answer: its rows in summary.csv at the capacity
   * N (every run of it, combined as report combines repetitions), or at the smallest N that failed
   * when none passed, so that the failure is reported with what was measured.
   */
  public static List<Check> answerChecks(CapacityConfig cfg, Outcome o) {
    List<SummaryRecord> rows =
        Thresholds.rowsOf(cfg.run().outputDir(), Set.of(o.run().runId())).stream()
            .filter(r -> o.results().stream().anyMatch(a -> isAnswer(a, r)))
            .toList();
    return cfg.thresholds().check(rows);
  }

  private static boolean isAnswer(CapacityResult a, SummaryRecord r) {
    int n = a.capacity() > 0 ? a.capacity() : a.failAt();
    return r.mode().equals(a.mode())
        && r.numRequests() == n
        && r.configuration().waitSeconds() == a.waitSeconds();
  }

  private static Map<String, Object> criteria(CapacityConfig cfg) {
    Map<String, Object> m = new LinkedHashMap<>(cfg.describe());
    m.put("steps", cfg.run().steps());
    m.put("barrier", cfg.run().barrier());
    m.put("processes", cfg.run().processes());
    m.put("srun_tasks", cfg.run().srun() == null ? null : cfg.run().srun().tasks());
    return m;
  }
}
