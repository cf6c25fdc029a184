package dev.openenvbench.cli;

import dev.openenvbench.loadgen.RunArgs;
import dev.openenvbench.loadgen.SrunStep;
import dev.openenvbench.loadgen.Target;
import dev.openenvbench.loadgen.WarmUp;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How the harness itself runs (labels, pools, processes, local server, console, live metrics):
 * {@code run}'s and {@code capacity}'s shared options.
 */
final class HarnessOptions {
  @Option(names = RunArgs.HARDWARE, description = "Label written to every row, e.g. 'local-2cpu'.")
  String hardware;

  @Option(
      names = RunArgs.HTTP_CONNECTIONS,
      defaultValue = "1000",
      description =
          "HTTP keep-alive pool size per server (default: ${DEFAULT-VALUE}, as the seed's httpx).")
  int httpConnections;

  @Option(
      names = RunArgs.SOURCE_ADDRESSES,
      split = ",",
      description = "Local addresses to spread connections over, e.g. 127.0.0.2,127.0.0.3.")
  List<String> sourceAddresses = new ArrayList<>();

  @Option(
      names = "--server-workers",
      defaultValue = "0",
      description = "Workers of the local server (default: enough for the largest N).")
  int serverWorkers;

  @Option(
      names = RunArgs.WARMUP,
      paramLabel = "N",
      description =
          "Unrecorded warm-up sessions per mode (wait 0, at most the largest N at once, with the"
              + " run's own actions and headers) before the first cell, so the JIT has compiled the"
              + " client (default: "
              + WarmUp.DEFAULT_SESSIONS
              + " against the local server the run starts, none against a --url; 0 = none).")
  Integer warmupSessions;

  /** {@code --warmup}, or its default for these targets (none = the run starts its own server). */
  int warmupSessions(List<Target> targets) {
    return warmupSessions != null ? warmupSessions : WarmUp.defaultSessions(targets.isEmpty());
  }

  @Option(
      names = "--processes",
      defaultValue = "1",
      description =
          "Split each cell over K harness processes, merged exactly (default: ${DEFAULT-VALUE}).")
  int processes;

  @Option(
      names = RunArgs.SRUN_TASKS,
      paramLabel = "K",
      description =
          "Run each cell as one srun step of K harness tasks on the nodes of the SLURM allocation"
              + " this command runs in (salloc/sbatch), task I running segment I/K, merged exactly"
              + " when the step ends: load beyond one machine, for run and capacity alike. Needs"
              + " --url and a shared file system (the same paths on every node).")
  Integer srunTasks;

  @Option(
      names = RunArgs.SRUN_OPTION,
      paramLabel = "OPT",
      description =
          "One more srun option for each cell's step, e.g. --srun-option=--ntasks-per-node=1"
              + " --srun-option=--cpus-per-task=2 (repeatable).")
  List<String> srunOptions = new ArrayList<>();

  /** Local processes, or the srun tasks of {@code --srun-tasks}: the K each cell is split over. */
  int processes() {
    return srunTasks != null ? srunTasks : processes;
  }

  /** {@code --srun-tasks}, or null. */
  SrunStep srun() {
    if (srunTasks == null) {
      if (!srunOptions.isEmpty()) {
        throw new IllegalArgumentException(RunArgs.SRUN_OPTION + " needs " + RunArgs.SRUN_TASKS);
      }
      return null;
    }
    if (processes != 1) {
      throw new IllegalArgumentException(
          RunArgs.SRUN_TASKS
              + " splits each cell over the tasks of an srun step, --processes over local"
              + " processes: use one of them");
    }
    return new SrunStep(srunTasks, srunOptions);
  }

  @Option(
      names = {"-v", "--verbose"},
      description = "Show the local server's log.")
  boolean verbose;

  @Option(
      names = RunArgs.NO_PROGRESS,
      negatable = false,
      description = "No live progress line on stderr.")
  boolean noProgress;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve the harness's own live metrics in Prometheus text format on"
              + " http://<any interface>:PORT/metrics while the command lasts: sessions started,"
              + " finished, failed by error_type and in flight, phase latency histograms, the"
              + " running cell's labels, event-loop lag and CPU (0: a free port, printed)."
              + " Default: none.")
  Integer metricsPort;
}
