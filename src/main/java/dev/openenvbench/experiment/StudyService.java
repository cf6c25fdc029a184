package dev.openenvbench.experiment;

import dev.openenvbench.launch.ChildJvm;
import dev.openenvbench.loadgen.AbortSignal;
import dev.openenvbench.results.OutputWriteException;
import dev.openenvbench.verdict.Thresholds;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a study: reads the file, plans it, prints the plan (and stops there with {@code --dry-run}),
 * then for each infrastructure deploys it when asked and measures it ({@link InfraRun}: its grid,
 * continuing what an earlier invocation left, or its capacity searches, then the file's
 * thresholds), makes one report over every infrastructure's latest folder with the file's criteria
 * ({@link StudyReport}), and appends the log entry. Data (the plan, run's tables, the report's
 * files) goes to {@code out}; progress to {@code err}.
 *
 * <p>{@link #stop} may be called from another thread (Ctrl-C): the running cell is ended as {@code
 * run} ends it, the rest is skipped, and the report of what was measured and the log entry are
 * still written by the thread that called {@link #run}.
 */
public final class StudyService {
  private final ChildJvm jvm;
  private final PrintWriter out;
  private final PrintStream err;
  private final AtomicReference<AbortSignal> current = new AtomicReference<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile String stopReason;
  private volatile boolean shuttingDown;
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
        if (!p.missingVars().isEmpty()) {
          throw new IllegalArgumentException(
              "["
                  + p.infra().id()
                  + "] headers need $"
                  + String.join(", $", p.missingVars())
                  + ": set it in the environment or in the infrastructure's env_vars");
        }
      }
      StudyProgress progress = new StudyProgress(plan, err, o.progress());
      List<StudyOutcome.InfraOutcome> infras = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      Thresholds thresholds = new Thresholds(plan.file().thresholds());
      for (InfraPlan p : plan.infras()) {
        boolean go = stopReason == null && outputFailure == null;
        infras.add(go ? runInfra(p, o, thresholds, progress, problems) : skipped(p));
      }
      return finish(plan, o, infras, problems);
    } finally {
      finished.countDown();
    }
  }

  /**
   * Ends the study early, the JVM still running (a signal handler): the running cell ends as run's
   * Ctrl-C ends it, the rest is skipped, the report and the log entry are written.
   */
  public void stop(String reason) {
    stopReason = reason;
    AbortSignal a = current.get();
    if (a != null) a.trigger(reason);
  }

  /**
   * Ends the study early from a shutdown hook: as {@link #stop}, but no report is drawn (figures
   * cannot be while the JVM shuts down); the log entry says which command makes it.
   */
  public void stopForShutdown(String reason) {
    shuttingDown = true;
    stop(reason);
  }

  /** Waits until {@link #run} has returned (its files closed, log written); false on timeout. */
  public boolean awaitFinished(double seconds) throws InterruptedException {
    return finished.await(Math.round(seconds * 1000), TimeUnit.MILLISECONDS);
  }

  private StudyOutcome.InfraOutcome runInfra(
      InfraPlan p,
      StudyOptions o,
      Thresholds thresholds,
      StudyProgress progress,
      List<String> problems)
      throws IOException, InterruptedException {
    AbortSignal abort = new AbortSignal();
    current.set(abort);
    if (stopReason != null) abort.trigger(stopReason);
    Deployment deployment = null;
    try {
      if (o.deploy() && p.infra().deployScript() != null) {
        deployment = Deployment.start(p, o.deployTimeoutSeconds(), err);
      }
      InfraRun.Ran r =
          new InfraRun(jvm, out, err).run(p, thresholds, abort, progress.cellsOf(p, abort));
      if (r.outputFailure() != null) {
        outputFailure = r.outputFailure();
      } else if (r.abortReason() != null && stopReason == null) {
        stopReason = r.abortReason();
      }
      return r.outcome();
    } catch (IllegalArgumentException e) {
      String why = e.getMessage().replaceAll("\\s*\\n\\s*", "; ");
      problems.add("[" + p.infra().id() + "] " + why);
      err.println("openenv-bench experiment: [" + p.infra().id() + "] not run: " + why);
      int before = p.cells().size() - p.remaining().size();
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
    StudyReport report =
        StudyReport.make(plan, logDir.resolve(o.today().toString()), shuttingDown, out, err);
    if (report.problem() != null) problems.add(report.problem());
    if (report.outputFailure() != null && outputFailure == null) {
      outputFailure = report.outputFailure();
    }
    if (stopReason != null && report.dir() == null) {
      err.println("openenv-bench experiment: " + report.note());
    }
    StudyOutcome outcome =
        new StudyOutcome(
            plan, infras, stopReason, List.copyOf(problems), outputFailure, report.dir());
    try {
      StudyLog.append(
          logFile,
          StudyLog.entry(
              outcome, o.commandLine(), Instant.now(), report.maxBatch(), report.note()));
      err.println("openenv-bench experiment: log entry appended to " + logFile);
    } catch (OutputWriteException e) {
      if (outputFailure == null) {
        outputFailure = e;
        outcome = new StudyOutcome(plan, infras, stopReason, outcome.problems(), e, report.dir());
      }
    }
    out.flush();
    return outcome;
  }
}
