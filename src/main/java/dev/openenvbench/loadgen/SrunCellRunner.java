package dev.openenvbench.loadgen;

import dev.openenvbench.launch.ChildCommand;
import dev.openenvbench.launch.ChildJvm;
import dev.openenvbench.merge.MergeService;
import dev.openenvbench.results.CellId;
import dev.openenvbench.results.RawJsonlWriter;
import dev.openenvbench.results.ResultFolder;
import dev.openenvbench.results.RunManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one cell as one {@code srun} step of K harness tasks ({@code --srun-tasks K}, {@link
 * SrunStep}), then merges their folders exactly. Each task runs the cell as a one-cell {@code run
 * --segment I/K} named for the cell ({@code <cell id>}, so its own cell is {@code <cell id>-c1}),
 * into {@code seg-I} of the cell's step folder; the tasks agree on the start through the step's
 * {@code schedule} folder (a shared file system), each host's clock offset measured there, as
 * {@code deploy/slurm/run_loadgen.sh}'s segments do. When the step has ended, {@link MergeService}
 * (the {@code merge} command's code) puts the segments together into {@code merged}, naming any
 * segment that is missing or was cut short, and {@link ShardMerge} folds that one folder into this
 * run's files as it does a {@code --processes} child's.
 *
 * <p>Nothing waits forever: a task that never gets ready costs the others at most {@code
 * --ready-timeout-seconds}, one that dies or freezes mid-cell at most the cell's deadline (each
 * task's own bound, {@link SegmentRun#cellBound}), and srun ends a task still running that long
 * after the first one ended. Above all that this process gives the step a bound of its own, and
 * stops it (SIGTERM, then SIGKILL) past it or on Ctrl-C. Threading: the run's thread.
 */
final class SrunCellRunner implements SplitCellRunner {
  /** How long cell 1 waits for the step's tasks to start and be ready. */
  static final double READY_TIMEOUT_SECONDS = 120;

  /** What this process allows past every bound its tasks have, before it stops the step itself. */
  private static final Duration MARGIN = Duration.ofSeconds(60);

  /** How long a stopped step may take to end before it is killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final RunConfig cfg;
  private final ChildJvm jvm;
  private final Path workDir;
  private final Consumer<String> notices;
  private final HarnessMetrics metrics;

  /**
   * @param notices where to say what the step and the merge lost (a missing segment, a torn line)
   * @param metrics the live metrics: each task's rows are counted as it writes them, as a {@code
   *     --processes} child's ({@link ShardTail}: the nodes share the file system)
   */
  SrunCellRunner(
      RunConfig cfg, ChildJvm jvm, Path workDir, Consumer<String> notices, HarnessMetrics metrics) {
    this.cfg = cfg;
    this.jvm = jvm;
    this.workDir = workDir;
    this.notices = notices;
    this.metrics = metrics;
  }

  /** Why this process cannot start srun steps, or null when it can (it runs in an allocation). */
  static String unavailable(Map<String, String> environment) {
    if (environment.get("SLURM_JOB_ID") == null) {
      return RunArgs.SRUN_TASKS
          + " starts each cell as an srun step: run inside a SLURM allocation (salloc --nodes=K"
          + " ..., sbatch, or srun --jobid=JOB's job), so that srun finds one";
    }
    return null;
  }

  @Override
  public CellRunner.CellResult run(
      CellPlan plan, CellId cell, RawJsonlWriter raw, AbortSignal abort)
      throws IOException, InterruptedException {
    SrunStep srun = cfg.srun();
    Path stepDir =
        Files.createDirectories(workDir.resolve(ShardedCellRunner.dirName(plan) + "-srun"));
    Path schedule = Files.createDirectories(stepDir.resolve("schedule"));
    Files.createDirectories(stepDir.resolve("logs"));
    String taskRun = cell.toString();
    ChildCommand task =
        RunArgs.srunTask(
            plan,
            cfg.warmupSessions(),
            Math.max(1, cfg.httpConnections() / srun.tasks()),
            cfg.connection(),
            taskRun,
            schedule,
            READY_TIMEOUT_SECONDS);
    Duration taskBound =
        Duration.ofNanos(Math.round(READY_TIMEOUT_SECONDS * 1e9))
            .plus(SegmentRun.defaultBound(plan));
    ProcessBuilder builder = new ProcessBuilder(srun.command(jvm.argv(task), stepDir, taskBound));
    builder.environment().putAll(task.environment());
    builder.environment().putAll(SrunStep.environment(stepDir));
    // The tasks' standard input is not this process's pipe: they must not watch it as a parent.
    builder.environment().remove(ChildJvm.PARENT_PID_ENV);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.redirectErrorStream(true).redirectOutput(stepDir.resolve("srun.txt").toFile());
    Instant launched = Instant.now();
    Process step;
    try {
      step = builder.start();
    } catch (IOException e) {
      throw new IOException("cannot start srun (is SLURM's client installed?): " + e.getMessage());
    }
    metrics.cellStarted(CellRunner.key(plan, cell, launched));
    List<Path> tailed = new ArrayList<>();
    for (int i = 0; metrics.serving() && i < srun.tasks(); i++) {
      tailed.add(SrunStep.segmentDir(stepDir, i).resolve(ResultFolder.RAW));
    }
    ShardTail tail = new ShardTail(tailed, metrics::shardSessionMerged);
    boolean stopped = await(step, abort, taskBound.multipliedBy(2).plus(MARGIN), tail);
    tail.finish();
    int status = step.exitValue();
    if (status != 0 && !stopped) {
      notices.accept(
          String.format(
              Locale.ROOT,
              "%s: the srun step exited %d (its log: %s; each task's: %s)",
              cell,
              status,
              stepDir.resolve("srun.txt"),
              stepDir.resolve("logs")));
    }
    return merge(plan, cell, stepDir, taskRun, launched, stopped, raw);
  }

  /**
   * Waits for the step; stops it on abort or past {@code bound}. Returns whether it was stopped.
   */
  private boolean await(Process step, AbortSignal abort, Duration bound, ShardTail tail)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!step.waitFor(100, TimeUnit.MILLISECONDS)) {
      tail.poll();
      boolean late = System.nanoTime() - deadline > 0;
      if (abort.triggered() || late) {
        if (late) notices.accept("the srun step ran past its bound of " + bound + ": stopping it");
        step.destroy();
        if (!step.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          step.destroyForcibly().waitFor();
        }
        return true;
      }
    }
    return false;
  }

  private CellRunner.CellResult merge(
      CellPlan plan,
      CellId cell,
      Path stepDir,
      String taskRun,
      Instant launched,
      boolean stopped,
      RawJsonlWriter raw)
      throws IOException {
    // Only folders a task got as far as its run manifest in: one that failed before (its node
    // could not reach the server, a bad option) ran no cell and is reported as missing.
    List<Path> segments = new ArrayList<>();
    for (int i = 0; i < cfg.srun().tasks(); i++) {
      Path d = SrunStep.segmentDir(stepDir, i);
      if (Files.exists(RunManifest.path(d, taskRun))) segments.add(d);
    }
    Path merged = stepDir.resolve("merged");
    List<Path> folded = List.of();
    boolean incomplete = stopped;
    Instant start = launched;
    if (segments.isEmpty()) {
      notices.accept(
          cell
              + ": no srun task ran its segment (their consoles: "
              + stepDir.resolve("logs")
              + ")");
      incomplete = true;
    } else {
      MergeService.Outcome o =
          new MergeService(new PrintWriter(Writer.nullWriter()), notices).merge(segments, merged);
      o.problems().forEach(p -> notices.accept(cell + ": " + p));
      incomplete |= !o.complete() || segments.size() < cfg.srun().tasks();
      if (!o.cells().isEmpty()) start = Instant.parse(o.cells().getFirst().key().timestamp());
      folded = List.of(merged);
    }
    return ShardMerge.merge(
        CellRunner.key(plan, cell, start), plan.numRequests(), folded, incomplete, raw, notices);
  }
}
