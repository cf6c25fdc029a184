package dev.openenvbench.loadgen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code --srun-tasks K}: each cell runs as one {@code srun} step of K harness tasks, usually one
 * per node of the SLURM allocation this process runs in, task I running segment I/K of the cell
 * ({@code run --segment}); the process that started the step merges their folders exactly and goes
 * on with the next cell ({@link SrunCellRunner}). It is what {@code deploy/slurm/run_loadgen.sh}
 * does for a whole grid, made one cell at a time so that a {@code capacity} search, which picks
 * each probe from the last one's result, can probe with more load than one machine makes.
 *
 * <p>SLURM starts, places and bounds the tasks: no coordinator, no daemon. One failed task neither
 * ends the others nor holds the step ({@code --kill-on-bad-exit=0}, {@code --wait}); the merged
 * cell says which segment it lacks.
 *
 * @param tasks K, the harness tasks of each step (one segment each)
 * @param options more {@code srun} options, as given (e.g. {@code --ntasks-per-node=1}, {@code
 *     --nodelist=n4,n5}, {@code --cpus-per-task=4})
 */
public record SrunStep(int tasks, List<String> options) {
  /** srun's options this class sets itself, which {@code --srun-option} may not repeat. */
  private static final Pattern OWN =
      Pattern.compile("^(-n|--ntasks|--output|-o|--wait|-W|--kill-on-bad-exit|-K)(=.*)?$");

  /** The environment variable holding the step's folder, which the task's shell line reads. */
  static final String DIR_VARIABLE = "OPENENV_BENCH_SRUN_DIR";

  /**
   * The task's shell line: its segment is its rank in the step and its folder is named for it, so
   * that one command line serves all K tasks and SLURM alone hands out the shares. The harness's
   * own command line follows as the shell's arguments.
   */
  private static final String TASK_LINE =
      "exec \"$@\" "
          + RunArgs.SEGMENT
          + " \"$SLURM_PROCID/$SLURM_NTASKS\" "
          + RunArgs.OUTPUT_DIR
          + " \"$"
          + DIR_VARIABLE
          + "/seg-$SLURM_PROCID\"";

  public SrunStep {
    if (tasks < 1) throw new IllegalArgumentException("--srun-tasks must be ≥ 1");
    options = List.copyOf(options);
    for (String o : options) {
      if (OWN.matcher(o).matches()) {
        throw new IllegalArgumentException(
            "--srun-option "
                + o
                + ": openenv-bench sets srun's --ntasks, --output, --wait and"
                + " --kill-on-bad-exit itself (--srun-tasks sets the tasks)");
      }
    }
  }

  /** Where task I writes its segment's files, in the step's folder. */
  static Path segmentDir(Path stepDir, int index) {
    return stepDir.resolve("seg-" + index);
  }

  /**
   * The command that runs the step: {@code srun} with K tasks, each running {@code harness} (a
   * {@code run} command line without {@code --segment} and {@code --output-dir}, which the task's
   * shell adds) into {@code stepDir}/seg-I, its console in {@code stepDir}/logs/segment-I.log.
   *
   * @param grace how long the other tasks may still run once one has ended ({@code srun --wait}):
   *     at least what is left of the cell, so that a task lost early does not cut the others short
   */
  public List<String> command(List<String> harness, Path stepDir, Duration grace) {
    List<String> argv = new ArrayList<>();
    argv.add("srun");
    argv.add("--ntasks=" + tasks);
    argv.add("--kill-on-bad-exit=0");
    argv.add("--wait=" + Math.max(1, (grace.toMillis() + 999) / 1000));
    argv.add("--job-name=openenv-bench-cell");
    argv.add("--export=ALL");
    argv.add("--output=" + stepDir.resolve("logs").resolve("segment-%t.log"));
    argv.addAll(options);
    argv.addAll(List.of("/bin/sh", "-c", TASK_LINE, "openenv-bench-task"));
    argv.addAll(harness);
    return argv;
  }

  /** The environment the step's tasks need besides the parent's (srun passes all of it on). */
  public static Map<String, String> environment(Path stepDir) {
    return Map.of(DIR_VARIABLE, stepDir.toString());
  }

  Map<String, Object> describe() {
    return Map.of("srun_tasks", tasks, "srun_options", options);
  }
}
