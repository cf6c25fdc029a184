package dev.openenvbench.cli;

import dev.openenvbench.capacity.CapacityConfig;
import dev.openenvbench.capacity.CapacityService;
import dev.openenvbench.loadgen.AbortSignal;
import dev.openenvbench.loadgen.HarnessMetrics;
import dev.openenvbench.loadgen.NanoClock;
import dev.openenvbench.loadgen.RunArgs;
import dev.openenvbench.loadgen.RunConfig;
import dev.openenvbench.loadgen.RunService;
import dev.openenvbench.loadgen.Workload;
import dev.openenvbench.results.SeedCriterion;
import dev.openenvbench.verdict.Check;
import dev.openenvbench.verdict.JUnitXml;
import dev.openenvbench.verdict.Thresholds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openenv-bench capacity}: how many concurrent sessions pass, and what stops more. */
@Command(
    name = "capacity",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Search the largest N (concurrent sessions) that passes, for each mode and wait: double N"
          + " until a probe fails, bisect to --resolution, repeat both ends of the bracket, then"
          + " confirm the answer. Names what limits it (session cap, connections, latency SLO and"
          + " its phase, timeouts, a hidden limiter, the harness itself).",
      "A probe passes when success ≥ --success-threshold and its p99 holds the SLO (total p99 for"
          + " one step, each step's p99 for several). Every probe is a run cell in --output-dir"
          + " (raw.jsonl, summary.csv, manifest), read by 'report' like a sweep; the answers go to"
          + " capacity.json there.",
      "With no --url, starts a local benchmark server sized for --max-sessions."
    })
public final class CapacityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TargetOptions target;

  @Mixin SessionShapeOptions shape;

  @Mixin WorkloadOptions workload;
  @Mixin ArrivalOptions arrivals;

  @Option(
      names = "--start",
      defaultValue = "8",
      description = "N of the first probe (default: ${DEFAULT-VALUE}).")
  int startSessions;

  @Option(
      names = "--max-sessions",
      defaultValue = "20000",
      description = "Largest N probed (default: ${DEFAULT-VALUE}).")
  int maxSessions;

  @Option(
      names = "--resolution",
      defaultValue = "0.05",
      description =
          "Stop bisecting when the bracket [pass, fail] is narrower than this share of its pass"
              + " end (default: ${DEFAULT-VALUE} = 5 %%).")
  double resolution;

  @Option(
      names = "--boundary-runs",
      defaultValue = "2",
      description =
          "Runs each end of the final bracket gets in all; one failed run fails an N"
              + " (default: ${DEFAULT-VALUE}).")
  int boundaryRuns;

  @Option(
      names = "--confirm-runs",
      defaultValue = "2",
      description =
          "Further runs of the answer; if one fails the search goes on below it"
              + " (default: ${DEFAULT-VALUE}).")
  int confirmRuns;

  @Option(
      names = "--budget-seconds",
      defaultValue = "0",
      description =
          "Start no probe after this long; the answer so far is reported as stopped"
              + " (default: ${DEFAULT-VALUE} = no bound).")
  double budgetSeconds;

  @Option(
      names = "--success-threshold",
      defaultValue = "0.95",
      description = "Share of N that must succeed (default: ${DEFAULT-VALUE}, the seed's).")
  double successThreshold;

  @Option(
      names = "--p99-slo",
      paramLabel = "SECONDS",
      description =
          "Latency SLO on the p99 (total for one step, each step's for several). Default: 2 ×"
              + " (wait + 0.5 s), the seed's; required for wait 0.")
  Double p99SloSeconds;

  @Option(
      names = "--threshold",
      paramLabel = "EXPR",
      description =
          "One more bound every probe must meet, as run's --threshold (e.g. 'step_overhead.p99<250ms',"
              + " 'connect.p95<500ms'); repeatable. Checked on each probe's summary row; one that"
              + " fails first is named as the limiting factor. docs/run.md lists the metrics.")
  List<String> thresholds = new ArrayList<>();

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description =
          "Also write the --threshold checks of each answer's configuration (the capacity N, or"
              + " the smallest N tried when none passed) as JUnit XML; a failed check exits 1.")
  Path junit;

  @Option(
      names = {"-o", RunArgs.OUTPUT_DIR},
      required = true,
      description = "Directory for the probes' files and capacity.json (appended).")
  Path outputDir;

  @Mixin HarnessOptions harness;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws Exception {
    CapacityConfig cfg = config();
    AbortSignal abort = new AbortSignal();
    Thread hook = new Thread(() -> RunCommand.onInterrupt(abort), "openenv-bench-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try (HarnessMetrics metrics = LiveMetrics.start(harness.metricsPort)) {
      PrintWriter out = spec.commandLine().getOut();
      CapacityService.Outcome o =
          new CapacityService(
                  new RunService(NanoClock.SYSTEM, Main.childJvm(), out, System.err, metrics),
                  out,
                  System.err)
              .run(cfg, abort);
      List<ExitCode> applicable = exitCodes(o);
      if (junit != null && applicable.isEmpty() && !writeJunit(cfg, o, out)) {
        applicable.add(ExitCode.REQUIREMENT_FAILED);
      }
      return ExitCode.winner(applicable).code();
    } finally {
      RunCommand.removeHook(hook);
    }
  }

  /** The thresholds on the answers' rows, for CI; false when one failed or nothing was measured. */
  private boolean writeJunit(CapacityConfig cfg, CapacityService.Outcome o, PrintWriter out) {
    List<Check> checks = CapacityService.answerChecks(cfg, o);
    out.print(Thresholds.console(checks));
    out.flush();
    JUnitXml.write(junit, checks, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    System.err.println("openenv-bench capacity: threshold checks written to " + junit);
    return Thresholds.passed(checks);
  }

  private static List<ExitCode> exitCodes(CapacityService.Outcome o) {
    List<ExitCode> applicable = new ArrayList<>();
    if (o.run().outputFailure() != null || o.capacityFile() == null) {
      applicable.add(ExitCode.OUTPUT_FAILED);
    } else if (o.run().abortReason() != null) {
      System.err.println("openenv-bench capacity: aborted: " + o.run().abortReason());
      applicable.add(ExitCode.ABORTED);
    } else if (o.lostLoad() != null) {
      System.err.println("openenv-bench capacity: stopped: " + o.lostLoad());
      applicable.add(ExitCode.ABORTED);
    } else if (!o.run().cells().isEmpty()
        && o.run().cells().stream().allMatch(c -> c.successful() == 0)) {
      System.err.println("openenv-bench capacity: no session of any probe succeeded");
      applicable.add(ExitCode.NOTHING_WORKED);
    }
    return applicable;
  }

  CapacityConfig config() {
    // Before any load: a mistyped threshold must not let a whole search run.
    Thresholds gate = Thresholds.parse(thresholds);
    if (junit != null && gate.isEmpty()) {
      throw new IllegalArgumentException("--junit needs at least one --threshold");
    }
    Workload w = workload.workload(System.getenv());
    arrivals.refuse("capacity");
    RunConfig run =
        new RunConfig(
            shape.modes(),
            target.targets(),
            List.of(maxSessions),
            workload.waits(w, shape.waits()),
            1,
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
            0,
            false,
            harness.serverWorkers,
            harness.warmupSessions(target.targets()),
            harness.processes(),
            null,
            0,
            false,
            connection.forSearch(),
            w,
            null,
            null,
            harness.srun());
    return new CapacityConfig(
        run,
        startSessions,
        maxSessions,
        resolution,
        boundaryRuns,
        confirmRuns,
        budgetSeconds,
        successThreshold,
        p99SloSeconds,
        SeedCriterion.SEED_LIMIT,
        gate);
  }
}
