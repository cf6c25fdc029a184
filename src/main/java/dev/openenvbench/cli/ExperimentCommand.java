package dev.openenvbench.cli;

import dev.openenvbench.experiment.StudyOptions;
import dev.openenvbench.experiment.StudyOutcome;
import dev.openenvbench.experiment.StudyService;
import dev.openenvbench.loadgen.ProgressLine;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code openenv-bench experiment}: a whole study from the seed's experiment matrix YAML. */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run a study written as the seed's experiment matrix (experiments/config/"
          + "experiment_matrix.yaml): for each infrastructure its grid of modes × wait_seconds ×"
          + " batch_sizes × repetitions, with run's machinery, into <base_dir>/<id>/<date>/ (or,"
          + " with capacity:, a capacity search per mode × wait); thresholds: checked on what was"
          + " measured; then a report over every infrastructure with the file's success criteria,"
          + " and an entry in the log file.",
      "Rerunning the same command continues an interrupted study where it stopped; Ctrl-C"
          + " still reports what was measured."
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
      paramLabel = "N",
      description =
          "run's unrecorded warm-up sessions per mode, before each infrastructure's first cell"
              + " (default: "
              + dev.openenvbench.loadgen.WarmUp.DEFAULT_SESSIONS
              + " for a server the study starts, locally or with --deploy; none against a given"
              + " url; 0 = none).")
  Integer warmupSessions;

  @Option(
      names = "--no-progress",
      description =
          "No live line on stderr (on a terminal it shows the study's place and the running"
              + " cell's sessions); a line per cell instead, as when stderr is not a terminal.")
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
    Thread hook = new Thread(() -> onShutdown(service), "openenv-bench-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    Map<Signal, SignalHandler> previous = onSignals(service);
    try {
      StudyOutcome o = service.run(options);
      return o == null ? ExitCode.SUCCESS.code() : exitCode(o);
    } finally {
      previous.forEach(Signal::handle);
      RunCommand.removeHook(hook);
    }
  }

  /**
   * Ctrl-C / SIGTERM as signals rather than only a shutdown hook: the JVM keeps running while the
   * study ends its cell as run's Ctrl-C does, then draws the report of what was measured (which is
   * not possible once the JVM shuts down) and writes its log entry, and exits 3. The first signal
   * puts the JVM's own handlers back, so a second one shuts down at once (the hook below).
   *
   * @return the handlers replaced, to put back when the study is over
   */
  private static Map<Signal, SignalHandler> onSignals(StudyService service) {
    Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    SignalHandler first =
        s -> {
          previous.forEach(Signal::handle);
          // Below the live line, if one is drawn, not over it.
          System.err.println(
              (ProgressLine.stderrIsTerminal() ? "\n" : "")
                  + "openenv-bench experiment: "
                  + s.getName()
                  + ": stopping after the running cell is closed; the report of what was measured"
                  + " and the log entry follow (a second signal skips the report)");
          service.stop("interrupted");
        };
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal signal = new Signal(name);
        previous.put(signal, Signal.handle(signal, first));
      } catch (IllegalArgumentException ignoredHere) {
        // The JVM runs with the signal ignored (nohup, -Xrs): the shutdown hook still applies.
      }
    }
    return previous;
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
    if (o.requirementFailed()) {
      String where =
          String.join(
              ", ",
              o.infras().stream()
                  .filter(StudyOutcome.InfraOutcome::requirementFailed)
                  .map(i -> i.plan().infra().id())
                  .toList());
      System.err.println(
          "openenv-bench experiment: a threshold failed on " + where + " (the log names it)");
      applicable.add(ExitCode.REQUIREMENT_FAILED);
    }
    return ExitCode.winner(applicable).code();
  }

  /**
   * The JVM shuts down (a second Ctrl-C, SIGHUP, or a signal the handlers above could not take):
   * the running cell ends as run's does and the log entry is written, naming the report command to
   * run, then exit ABORTED (waiting at most 30 s).
   */
  private static void onShutdown(StudyService service) {
    service.stopForShutdown("interrupted");
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
