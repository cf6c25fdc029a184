package dev.openenvbench.cli;

import dev.openenvbench.experiment.StudyOptions;
import dev.openenvbench.experiment.StudyOutcome;
import dev.openenvbench.experiment.StudyService;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openenv-bench experiment}: a whole study from the seed's experiment matrix YAML. */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run a study written as the seed's experiment matrix (experiments/config/"
          + "experiment_matrix.yaml): for each infrastructure its grid of modes × wait_seconds ×"
          + " batch_sizes × repetitions, with run's machinery, into <base_dir>/<id>/<date>/; then"
          + " a report over every infrastructure with the file's success criteria, and an entry"
          + " in the log file.",
      "Rerunning the same command continues an interrupted study where it stopped."
    })
public final class ExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.yaml", description = "The experiment file.")
  Path file;

  @Option(
      names = "--infrastructure",
      paramLabel = "ID",
      description = "Run only this infrastructure (repeatable; default: all, in the file's order).")
  List<String> infrastructures = new ArrayList<>();

  @Option(
      names = {"-u", "--url"},
      paramLabel = "[ID=]URL",
      description =
          "The server of an infrastructure instead of its url_template: ID=URL, or URL alone when"
              + " one infrastructure is selected (repeatable).")
  List<String> urls = new ArrayList<>();

  @Option(
      names = "--dry-run",
      description =
          "Print the plan (every cell, what is complete, expected duration); run nothing.")
  boolean dryRun;

  @Option(
      names = "--deploy",
      description =
          "Run each infrastructure's deploy_script (with its env_vars) before its grid and wait"
              + " for /health; stop it afterwards if it still runs. Without it, scripts are only"
              + " shown.")
  boolean deploy;

  @Option(
      names = "--deploy-timeout",
      defaultValue = "300",
      paramLabel = "SECONDS",
      description =
          "With --deploy: how long a deployment may take to answer /health (default:"
              + " ${DEFAULT-VALUE}).")
  double deployTimeoutSeconds;

  @Option(
      names = "--warmup",
      defaultValue = "1000",
      description =
          "run's unrecorded warm-up sessions per mode, before each infrastructure's first cell"
              + " (default: ${DEFAULT-VALUE}; 0 = none).")
  int warmupSessions;

  @Option(names = "--no-progress", description = "No live per-cell progress line on stderr.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    // The root's arguments, the subcommand's name included.
    List<String> words = new ArrayList<>(List.of("openenv-bench"));
    words.addAll(spec.commandLine().getParseResult().originalArgs());
    StudyOptions options =
        new StudyOptions(
            file,
            infrastructures,
            urls,
            dryRun,
            deploy,
            deployTimeoutSeconds,
            warmupSessions,
            !noProgress,
            System.getenv(),
            LocalDate.now(ZoneOffset.UTC),
            String.join(" ", words));
    StudyService service =
        new StudyService(Main.childJvm(), spec.commandLine().getOut(), System.err);
    Thread hook = new Thread(() -> onInterrupt(service), "openenv-bench-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      StudyOutcome o = service.run(options);
      return o == null ? ExitCode.SUCCESS.code() : exitCode(o);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running.
      }
    }
  }

  private static int exitCode(StudyOutcome o) {
    List<ExitCode> applicable = new ArrayList<>();
    if (o.outputFailure() != null) {
      System.err.println("openenv-bench experiment: stopped: " + o.outputFailure().getMessage());
      applicable.add(ExitCode.OUTPUT_FAILED);
    } else if (o.abortReason() != null) {
      System.err.println(
          "openenv-bench experiment: aborted: "
              + o.abortReason()
              + "; finished cells were kept, the same command continues the study");
      applicable.add(ExitCode.ABORTED);
    } else if (o.nothingWorked()) {
      System.err.println("openenv-bench experiment: no session of the study succeeded");
      applicable.add(ExitCode.NOTHING_WORKED);
    }
    if (!o.problems().isEmpty()) applicable.add(ExitCode.BAD_ARGUMENTS);
    return ExitCode.winner(applicable).code();
  }

  /**
   * Ctrl-C / SIGTERM: the running cell ends as run's does, the report and log entry are written,
   * then exit ABORTED (waiting at most 30 s).
   */
  private static void onInterrupt(StudyService service) {
    service.stop("interrupted");
    try {
      if (!service.awaitFinished(30)) {
        System.err.println("openenv-bench experiment: gave up waiting 30 s for the files to close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.err.flush();
    System.out.flush();
    Runtime.getRuntime().halt(ExitCode.ABORTED.code());
  }
}
