package dev.openenvbench.cli;

import dev.openenvbench.loadgen.AbortSignal;
import dev.openenvbench.loadgen.HarnessMetrics;
import dev.openenvbench.loadgen.NanoClock;
import dev.openenvbench.loadgen.RunArgs;
import dev.openenvbench.loadgen.RunConfig;
import dev.openenvbench.loadgen.RunService;
import dev.openenvbench.loadgen.Workload;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryRecord;
import dev.openenvbench.verdict.Check;
import dev.openenvbench.verdict.JUnitXml;
import dev.openenvbench.verdict.Thresholds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openenv-bench run}: the seed's scaling test, measured truthfully. */
@Command(
    name = RunArgs.COMMAND,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Drive an OpenEnv server with N concurrent sessions (connect, reset, step, close) and record"
          + " per-session latencies (raw.jsonl) and per-cell statistics (summary.csv).",
      "With no --url, starts a local benchmark server for the run and stops it afterwards.",
      "%nLoad from several machines (docs/run.md): run segment I of K on each host with the same"
          + " options, then merge, e.g. on two hosts sharing /shared:",
      "  host-a$ openenv-bench run --url http://lb:8000 -n 2000 --run-id job7",
      "            --segment 0/2 --schedule-dir /shared/sched -o /shared/out-0",
      "  host-b$ openenv-bench run --url http://lb:8000 -n 2000 --run-id job7",
      "            --segment 1/2 --schedule-dir /shared/sched -o /shared/out-1",
      "  then:   openenv-bench merge /shared/out-0 /shared/out-1 -o /shared/merged%n"
    })
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TargetOptions target;

  @Option(
      names = {"-n", RunArgs.REQUESTS, "--batch-size"},
      defaultValue = "10",
      description = "Concurrent sessions (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(
      names = {"--requests-grid", "--batch-size-grid"},
      split = ",",
      description = "Comma-separated session counts, e.g. 1,2,4,8.")
  List<Integer> requestsGrid = new ArrayList<>();

  @Option(
      names = "--reps",
      defaultValue = "1",
      description = "Repetitions per cell (default: ${DEFAULT-VALUE}).")
  int reps;

  @Mixin SessionShapeOptions shape;

  @Mixin WorkloadOptions workload;
  @Mixin ArrivalOptions arrivals;

  @Option(
      names = {"-o", RunArgs.OUTPUT_DIR},
      description = "Directory for raw.jsonl, summary.csv, histograms.hlog (appended).")
  Path outputDir;

  @Option(
      names = "--expected-hosts",
      defaultValue = "0",
      description = "Distinct host_url values each cell should reach.")
  int expectedHosts;

  @Option(
      names = "--require-hosts",
      description = "Exit 1 when a cell reached fewer than --expected-hosts hosts.")
  boolean requireHosts;

  @Mixin HarnessOptions harness;

  @Mixin ConnectionOptions connection;

  @Mixin SegmentOptions segments;

  @Option(
      names = "--max-duration",
      defaultValue = "0",
      paramLabel = "SECONDS",
      description =
          "Stop the whole run after this long, as Ctrl-C would: finished cells kept, the running"
              + " one marked incomplete (default: ${DEFAULT-VALUE} = no bound).")
  double maxDurationSeconds;

  @Option(
      names = "--resume",
      description =
          "Skip the cells an earlier run of the same options completed in --output-dir (matched"
              + " on its manifest) and run the rest.")
  boolean resume;

  @Option(
      names = "--threshold",
      paramLabel = "EXPR",
      description =
          "A bound every configuration must meet, e.g. 'total.p99<2s', 'success_rate>=0.99',"
              + " 'peak_concurrency>=0.99*N', 'harness_saturated==false'; repeatable. Checked per"
              + " configuration with repetitions combined as report does; a failure exits 1."
              + " docs/run.md lists the metrics.")
  List<String> thresholds = new ArrayList<>();

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Also write the --threshold checks as JUnit XML, one test case each.")
  Path junit;

  @Override
  public Integer call() throws Exception {
    // Before any load: a mistyped threshold must not let a whole sweep run and then pass.
    Thresholds gate = Thresholds.parse(thresholds);
    if (junit != null && gate.isEmpty()) {
      throw new IllegalArgumentException("--junit needs at least one --threshold");
    }
    if (!gate.isEmpty() && segments.segment != null) {
      throw new IllegalArgumentException(
          "--threshold does not go with --segment: a segment's rows are a share of each cell;"
              + " merge the segments, then check the merged folder");
    }
    RunConfig cfg = config();
    PrintWriter out = spec.commandLine().getOut();
    AbortSignal abort = new AbortSignal();
    Thread hook = new Thread(() -> onInterrupt(abort), "openenv-bench-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try (HarnessMetrics metrics = LiveMetrics.start(harness.metricsPort)) {
      RunService.RunOutcome o =
          new RunService(NanoClock.SYSTEM, Main.childJvm(), out, System.err, metrics)
              .run(cfg, abort, p -> {});
      List<ExitCode> applicable = exitCodes(cfg, o);
      if (!gate.isEmpty() && cfg.shard() == null && o.outputFailure() == null) {
        if (!checkThresholds(gate, cfg, o, out)) applicable.add(ExitCode.REQUIREMENT_FAILED);
      }
      return ExitCode.winner(applicable).code();
    } finally {
      removeHook(hook);
    }
  }

  /**
   * Checks the thresholds on this run's rows: read back from summary.csv when there is one (what
   * {@code report} will read, digit for digit), from the run's cells otherwise.
   */
  private boolean checkThresholds(
      Thresholds gate, RunConfig cfg, RunService.RunOutcome o, PrintWriter out) {
    List<SummaryRecord> rows =
        cfg.outputDir() != null
            ? Thresholds.rowsOf(cfg.outputDir(), Set.of(o.runId()))
            : o.cells().stream().map(SummaryColumns::of).toList();
    List<Check> checks = gate.check(rows);
    out.print(Thresholds.console(checks));
    out.flush();
    if (junit != null) {
      JUnitXml.write(junit, checks, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      System.err.println("openenv-bench run: threshold checks written to " + junit);
    }
    return Thresholds.passed(checks);
  }

  /** Every exit code the outcome calls for, to be combined by {@link ExitCode#winner}. */
  private static List<ExitCode> exitCodes(RunConfig cfg, RunService.RunOutcome o) {
    List<ExitCode> applicable = new ArrayList<>();
    if (o.outputFailure() != null) {
      System.err.println(
          "openenv-bench run: stopped: "
              + o.outputFailure().getMessage()
              + "; every row written before it is complete");
      applicable.add(ExitCode.OUTPUT_FAILED);
    } else if (o.abortReason() != null) {
      System.err.println(
          "openenv-bench run: aborted: " + o.abortReason() + "; finished sessions were written");
      applicable.add(ExitCode.ABORTED);
    } else if (o.cells().stream().anyMatch(c -> c.incomplete()) || !o.skippedCells().isEmpty()) {
      // Only a segment's cells end incomplete, or are skipped, without an abort: its deadlines.
      System.err.println(
          "openenv-bench run: a cell was stopped at its deadline (--cell-deadline-seconds) or"
              + " skipped; its finished sessions were written");
      applicable.add(ExitCode.ABORTED);
    } else if (!o.cells().isEmpty() && o.cells().stream().allMatch(c -> c.successful() == 0)) {
      // An aborted run may have had no time to succeed: that is said by ABORTED, not by this.
      System.err.println("openenv-bench run: no session of the run succeeded");
      applicable.add(ExitCode.NOTHING_WORKED);
    }
    if (cfg.requireHosts() && !o.hostShortfalls().isEmpty())
      applicable.add(ExitCode.REQUIREMENT_FAILED);
    return applicable;
  }

  /**
   * Ctrl-C / SIGTERM: ask the run to stop, wait (at most 20 s) until it has written the running
   * cell as incomplete, closed its files and stopped a local server, then exit with ABORTED rather
   * than the JVM's 130/143, so scripts can tell "stopped, data kept" from a crash.
   */
  static void onInterrupt(AbortSignal abort) {
    abort.trigger("interrupted");
    try {
      if (!abort.awaitFinished(20)) {
        System.err.println(
            "openenv-bench run: aborted; gave up waiting 20 s for the files to close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.err.flush();
    System.out.flush();
    Runtime.getRuntime().halt(ExitCode.ABORTED.code());
  }

  static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the JVM is already exiting and the hook is running.
    }
  }

  RunConfig config() {
    return config(System.getenv());
  }

  /** The run's configuration, with {@code env} as the process's environment (tokens, headers). */
  RunConfig config(java.util.Map<String, String> env) {
    Workload w = workload.workload(env);
    return new RunConfig(
        shape.modes(),
        target.targets(),
        requestsGrid.isEmpty() ? List.of(requests) : requestsGrid,
        workload.waits(w, shape.waits()),
        reps,
        shape.steps,
        shape.rampSeconds,
        shape.barrier,
        shape.timeoutSeconds,
        harness.hardware,
        outputDir,
        harness.verbose,
        !harness.noProgress,
        harness.httpConnections,
        harness.sourceAddresses,
        expectedHosts,
        requireHosts,
        harness.serverWorkers,
        harness.warmupSessions(target.targets()),
        harness.processes(),
        segments.shard(),
        maxDurationSeconds,
        resume,
        connection.connection(),
        w,
        arrivals.arrivals(workload.seed),
        segments.segmentRun(),
        harness.srun());
  }
}
