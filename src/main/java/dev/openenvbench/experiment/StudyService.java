package dev.openenvbench.experiment;

import dev.openenvbench.launch.ChildJvm;
import dev.openenvbench.loadgen.AbortSignal;
import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.NanoClock;
import dev.openenvbench.loadgen.RunService;
import dev.openenvbench.report.ReportService;
import dev.openenvbench.report.Table;
import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.OutputWriteException;
import dev.openenvbench.results.ResultFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a study: reads the file, plans it, prints the plan (and stops there with {@code --dry-run}),
 * then for each infrastructure deploys it when asked and runs its grid with {@code run}'s own
 * {@link RunService} into its folder (continuing what an earlier invocation left), makes one report
 * over every infrastructure's latest folder with the file's criteria, and appends the log entry.
 * Data (the plan, run's tables, the report's files) goes to {@code out}; progress to {@code err}.
 *
 * <p>{@link #stop} may be called from another thread (Ctrl-C): the running cell is ended as {@code
 * run} ends it, the rest is skipped, and the report and log are still written.
 */
public final class StudyService {
  private final ChildJvm jvm;
  private final PrintWriter out;
  private final PrintStream err;
  private final AtomicReference<AbortSignal> current = new AtomicReference<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile String stopReason;
  private OutputWriteException outputFailure;

  public StudyService(ChildJvm jvm, PrintWriter out, PrintStream err) {
    this.jvm = jvm;
    this.out = out;
    this.err = err;
  }

  /**
   * @return null after {@code --dry-run}
   */
  public StudyOutcome run(StudyOptions o) throws IOException, InterruptedException {
    try {
      StudyPlan plan = StudyPlan.of(StudyFileReader.read(o.file()), o);
      PlanPrinter.print(plan, o.dryRun(), o.deploy(), out);
      if (o.dryRun()) return null;
      for (InfraPlan p : plan.infras()) {
        if (p.url() == null) {
          throw new IllegalArgumentException(
              "["
                  + p.infra().id()
                  + "] url_template "
                  + p.infra().urlTemplate()
                  + " needs $"
                  + String.join(", $", p.missingVars())
                  + ": set it in the environment or pass --url "
                  + p.infra().id()
                  + "=URL");
        }
      }
      StudyProgress progress = new StudyProgress(plan, err);
      List<StudyOutcome.InfraOutcome> infras = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      for (InfraPlan p : plan.infras()) {
        boolean go = stopReason == null && outputFailure == null;
        infras.add(go ? runInfra(p, o, progress, problems) : skipped(p));
      }
      return finish(plan, o, infras, problems);
    } finally {
      finished.countDown();
    }
  }

  /** Ends the study early: the running cell as run's Ctrl-C ends it, the rest skipped. */
  public void stop(String reason) {
    stopReason = reason;
    AbortSignal a = current.get();
    if (a != null) a.trigger(reason);
  }

  /** Waits until {@link #run} has returned (its files closed, log written); false on timeout. */
  public boolean awaitFinished(double seconds) throws InterruptedException {
    return finished.await(Math.round(seconds * 1000), TimeUnit.MILLISECONDS);
  }

  private StudyOutcome.InfraOutcome runInfra(
      InfraPlan p, StudyOptions o, StudyProgress progress, List<String> problems)
      throws IOException, InterruptedException {
    List<CellPlan> remaining = p.remaining();
    int before = p.cells().size() - remaining.size();
    AbortSignal abort = new AbortSignal();
    current.set(abort);
    if (stopReason != null) abort.trigger(stopReason);
    int[] next = {0};
    Deployment deployment = null;
    try {
      if (o.deploy() && p.infra().deployScript() != null) {
        deployment = Deployment.start(p, o.deployTimeoutSeconds(), err);
      }
      RunService.RunOutcome r =
          new RunService(NanoClock.SYSTEM, jvm, out, err)
              .run(p.config(), abort, c -> progress.cellStarts(p, remaining, next[0]++, abort));
      List<CellSummary> complete = r.cells().stream().filter(c -> !c.incomplete()).toList();
      int succeeded = (int) complete.stream().filter(c -> c.successful() > 0).count();
      String outcome = "completed";
      if (r.outputFailure() != null) {
        outputFailure = r.outputFailure();
        outcome = "stopped: " + r.outputFailure().getMessage();
      } else if (r.abortReason() != null) {
        outcome = "aborted: " + r.abortReason();
        if (stopReason == null) stopReason = r.abortReason();
      }
      return new StudyOutcome.InfraOutcome(p, before, complete.size(), succeeded, outcome);
    } catch (IllegalArgumentException e) {
      String why = e.getMessage().replaceAll("\\s*\\n\\s*", "; ");
      problems.add("[" + p.infra().id() + "] " + why);
      err.println("openenv-bench experiment: [" + p.infra().id() + "] not run: " + why);
      return new StudyOutcome.InfraOutcome(p, before, 0, 0, "not run: " + why);
    } finally {
      if (deployment != null) deployment.close();
      current.set(null);
    }
  }

  private static StudyOutcome.InfraOutcome skipped(InfraPlan p) {
    int before = p.cells().size() - p.remaining().size();
    return new StudyOutcome.InfraOutcome(p, before, 0, 0, "skipped (the study stopped)");
  }

  /** The report over every infrastructure's latest folder, then the log entry. */
  private StudyOutcome finish(
      StudyPlan plan,
      StudyOptions o,
      List<StudyOutcome.InfraOutcome> infras,
      List<String> problems) {
    Path logFile = Path.of(plan.file().output().logFile());
    Path logDir = logFile.getParent() == null ? Path.of("") : logFile.getParent();
    Path reportDir = logDir.resolve(o.today().toString());
    Optional<Table> maxBatch = Optional.empty();
    String reportNote;
    Path report = null;
    Map<String, Path> folders = reportFolders(plan);
    if (stopReason != null) {
      // Stopped (often by Ctrl-C, with the JVM shutting down, where drawing figures is not
      // possible): the rerun that finishes the study makes the report.
      reportNote = "No report: the study stopped; the same command continues it and reports.";
    } else if (folders.isEmpty()) {
      reportNote = "No report: no infrastructure has results yet.";
    } else {
      Map<String, String> labels = new LinkedHashMap<>();
      Map<String, Integer> cores = new LinkedHashMap<>();
      folders.forEach((id, dir) -> labels.put(dir.toAbsolutePath().toString(), id));
      for (StudyFile.Infrastructure i : plan.file().variables().infrastructures()) {
        if (i.cores() != null && folders.containsKey(i.id())) cores.put(i.id(), i.cores());
      }
      try {
        ReportService.Written w =
            ReportService.run(
                plan.criteria().config(List.copyOf(folders.values()), reportDir, labels, cores));
        w.analysis().inputNotes().forEach(n -> err.println("openenv-bench report: " + n));
        w.files().forEach(out::println);
        report = reportDir;
        maxBatch = w.tables().stream().filter(t -> t.id().equals("max-batch")).findFirst();
        reportNote =
            "Report: "
                + reportDir.resolve("report.md")
                + " (over "
                + String.join(", ", folders.values().stream().map(Path::toString).toList())
                + ")";
      } catch (OutputWriteException e) {
        if (outputFailure == null) outputFailure = e;
        reportNote = "No report: " + e.getMessage();
      } catch (IllegalArgumentException e) {
        problems.add("report: " + e.getMessage());
        reportNote = "No report: " + e.getMessage();
      }
    }
    StudyOutcome outcome =
        new StudyOutcome(plan, infras, stopReason, List.copyOf(problems), outputFailure, report);
    try {
      StudyLog.append(
          logFile, StudyLog.entry(outcome, o.commandLine(), Instant.now(), maxBatch, reportNote));
      err.println("openenv-bench experiment: log entry appended to " + logFile);
    } catch (OutputWriteException e) {
      if (outputFailure == null) {
        outputFailure = e;
        outcome = new StudyOutcome(plan, infras, stopReason, outcome.problems(), e, report);
      }
    }
    out.flush();
    return outcome;
  }

  /**
   * Each infrastructure of the file (run now or not) with its folder for the report: the one this
   * invocation used, else its newest date folder with results.
   */
  private static Map<String, Path> reportFolders(StudyPlan plan) {
    Map<String, Path> used = new LinkedHashMap<>();
    plan.infras().forEach(p -> used.put(p.infra().id(), p.folder()));
    Path base = Path.of(plan.file().output().baseDir());
    Map<String, Path> out = new LinkedHashMap<>();
    for (StudyFile.Infrastructure i : plan.file().variables().infrastructures()) {
      Path dir =
          used.containsKey(i.id())
              ? used.get(i.id())
              : StudyFolders.newestWithResults(base.resolve(i.id()));
      if (dir != null && Files.exists(dir.resolve(ResultFolder.SUMMARY))) out.put(i.id(), dir);
    }
    return out;
  }
}
