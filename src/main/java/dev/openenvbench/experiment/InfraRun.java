package dev.openenvbench.experiment;

import dev.openenvbench.capacity.CapacityResult;
import dev.openenvbench.capacity.CapacityService;
import dev.openenvbench.capacity.LimitingFactor;
import dev.openenvbench.launch.ChildJvm;
import dev.openenvbench.loadgen.AbortSignal;
import dev.openenvbench.loadgen.CellProgress;
import dev.openenvbench.loadgen.NanoClock;
import dev.openenvbench.loadgen.RunService;
import dev.openenvbench.results.CapacityFile;
import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.OutputWriteException;
import dev.openenvbench.verdict.Check;
import dev.openenvbench.verdict.Thresholds;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One infrastructure's measurements: its grid with {@code run}'s {@link RunService}, or its
 * capacity searches with {@code capacity}'s {@link CapacityService} ({@code capacity:}), then the
 * file's {@code thresholds} on what was measured. Data to {@code out}, progress to {@code err}.
 */
final class InfraRun {
  /**
   * @param abortReason why the run stopped early, or null
   * @param outputFailure the result file that could not be written, or null
   */
  record Ran(
      StudyOutcome.InfraOutcome outcome, String abortReason, OutputWriteException outputFailure) {}

  private final ChildJvm jvm;
  private final PrintWriter out;
  private final PrintStream err;

  InfraRun(ChildJvm jvm, PrintWriter out, PrintStream err) {
    this.jvm = jvm;
    this.out = out;
    this.err = err;
  }

  Ran run(InfraPlan p, Thresholds thresholds, AbortSignal abort, Consumer<CellProgress> onCell)
      throws IOException, InterruptedException {
    int before = p.cells().size() - p.remaining().size();
    if (p.search() != null) return search(p, thresholds, abort, onCell, before);
    RunService.RunOutcome r =
        new RunService(NanoClock.SYSTEM, jvm, out, err).run(p.config(), abort, onCell);
    List<Check> checks = List.of();
    if (checks(thresholds, r)) {
      // The grid's rows of every run that made its cells, earlier invocations' too.
      Set<String> runs = new HashSet<>(p.resume().runs());
      runs.add(r.runId());
      checks = thresholds.check(Thresholds.rowsOf(p.folder(), runs));
      print(p, checks);
    }
    List<CellSummary> complete = complete(r);
    return new Ran(
        new StudyOutcome.InfraOutcome(
            p, before, complete.size(), succeeded(complete), outcome(r), checks, List.of()),
        r.abortReason(),
        r.outputFailure());
  }

  /** The searches replace the grid: one run whose probes the searches choose, capacity.json. */
  private Ran search(
      InfraPlan p,
      Thresholds thresholds,
      AbortSignal abort,
      Consumer<CellProgress> onCell,
      int before)
      throws IOException, InterruptedException {
    if (p.searched()) {
      err.println(
          "openenv-bench experiment: ["
              + p.infra().id()
              + "] capacity.json in "
              + p.folder()
              + " already answers every search; not searched again");
      return new Ran(
          new StudyOutcome.InfraOutcome(p, before, 0, 0, "completed (searched earlier)"),
          null,
          null);
    }
    CapacityService.Outcome o =
        new CapacityService(new RunService(NanoClock.SYSTEM, jvm, out, err), out, err)
            .run(p.search(), abort, onCell);
    RunService.RunOutcome r = o.run();
    List<Check> checks = List.of();
    if (checks(thresholds, r)) {
      checks = CapacityService.answerChecks(p.search(), o);
      print(p, checks);
    }
    OutputWriteException failure = r.outputFailure();
    String outcome = outcome(r);
    if (failure == null && o.capacityFile() == null) {
      // CapacityService said why on stderr; the study stops as for any file it cannot write.
      failure =
          new OutputWriteException(
              p.folder().resolve(CapacityFile.FILE), new IOException("could not be written"));
      outcome = "stopped: " + failure.getMessage();
    }
    List<CapacityResult> answers = o.results();
    int answered =
        (int) answers.stream().filter(a -> a.limit().kind() != LimitingFactor.Kind.STOPPED).count();
    return new Ran(
        new StudyOutcome.InfraOutcome(
            p, before, answered, succeeded(complete(r)), outcome, checks, answers),
        r.abortReason(),
        failure);
  }

  /**
   * Whether to check the thresholds now: not after a stop, where the cut-short configuration would
   * fail them for want of a measurement; the rerun that finishes the grid checks them all.
   */
  private boolean checks(Thresholds thresholds, RunService.RunOutcome r) {
    if (thresholds.isEmpty() || r.outputFailure() != null) return false;
    if (r.abortReason() == null) return true;
    err.println(
        "openenv-bench experiment: thresholds not checked: the run stopped ("
            + r.abortReason()
            + "); the same command finishes it and checks them");
    return false;
  }

  private static List<CellSummary> complete(RunService.RunOutcome r) {
    return r.cells().stream().filter(c -> !c.incomplete()).toList();
  }

  /** Cells in which a session succeeded: none at all makes the exit code NOTHING_WORKED. */
  private static int succeeded(List<CellSummary> complete) {
    return (int) complete.stream().filter(c -> c.successful() > 0).count();
  }

  private static String outcome(RunService.RunOutcome r) {
    if (r.outputFailure() != null) return "stopped: " + r.outputFailure().getMessage();
    if (r.abortReason() != null) return "aborted: " + r.abortReason();
    return "completed";
  }

  private void print(InfraPlan p, List<Check> checks) {
    out.print("[" + p.infra().id() + "] " + Thresholds.console(checks));
    out.flush();
  }
}
