package dev.openenvbench.loadgen;

import dev.openenvbench.launch.ChildCommand;
import dev.openenvbench.protocol.UserActions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of a child {@code run}: one segment of a cell of {@code run --processes}; also
 * the names of the public segment options ({@link #SEGMENT}, {@link #RUN_ID}, ...) that a script
 * starting segments on several machines writes (deploy/slurm). Each option name it writes is
 * declared here once, for {@code cli.RunCommand}'s annotations and for {@link #shard}; it lives
 * next to {@link RunConfig}, the record those options fill, because this package may not import the
 * CLI. A renamed option then renames every use, and a test parses what {@link #shard} writes with
 * the real parser.
 */
public final class RunArgs {
  public static final String COMMAND = "run";
  public static final String URLS = "--urls";
  public static final String MODE = "--mode";
  public static final String REQUESTS = "--requests";
  public static final String WAIT = "--wait";
  public static final String STEPS = "--steps";
  public static final String TIMEOUT = "--timeout";
  public static final String RAMP_SECONDS = "--ramp-seconds";
  public static final String BARRIER = "--barrier";
  public static final String HARDWARE = "--hardware";
  public static final String WARMUP = "--warmup";
  public static final String HTTP_CONNECTIONS = "--http-connections";
  public static final String SOURCE_ADDRESSES = "--source-addresses";
  public static final String NO_PROGRESS = "--no-progress";
  public static final String OUTPUT_DIR = "--output-dir";
  public static final String PING_SECONDS = "--ping-seconds";
  public static final String OPEN_WINDOW = "--open-window";
  public static final String RELEASE_RATE = "--release-rate";
  public static final String PONG_TIMEOUT_SECONDS = "--pong-timeout-seconds";
  public static final String ABANDON = "--abandon";
  public static final String ABANDON_HOW = "--abandon-how";
  public static final String ABANDON_PROBE_SECONDS = "--abandon-probe-seconds";
  public static final String INSECURE = "--insecure";
  public static final String CA_CERT = "--ca-cert";

  // Open-loop arrivals (cli.ArrivalOptions).
  public static final String ARRIVAL_RATE = "--arrival-rate";
  public static final String DURATION = "--duration";
  public static final String POISSON = "--poisson";
  public static final String MAX_IN_FLIGHT = "--max-in-flight";

  // The workload (cli.WorkloadOptions).
  public static final String RESET_JSON = "--reset-json";
  public static final String ACTION_JSON = "--action-json";
  public static final String ACTIONS = "--actions";
  public static final String HEADER = "--header";
  public static final String HF_TOKEN_ENV = "--hf-token-env";
  public static final String THINK_SECONDS = "--think-seconds";
  public static final String SEED = "--seed";

  /**
   * Internal: the environment variable that holds the request headers, values included ({@link
   * RequestHeaders#encode}): a child gets them there, never on its command line.
   */
  public static final String HEADERS_ENV = "--headers-env";

  /** The variable {@link #shard} puts a child's headers in. */
  public static final String HEADERS_VARIABLE = "OPENENV_BENCH_HEADERS";

  /** Which segment of every cell this process runs, {@code I/K} ({@link Segment#parse}). */
  public static final String SEGMENT = "--segment";

  /** The id all segments of a run share ({@code results.RunId#check}). */
  public static final String RUN_ID = "--run-id";

  /** The shared folder of a segmented run's schedule ({@link SegmentSchedule}). */
  public static final String SCHEDULE_DIR = "--schedule-dir";

  /** When a segmented run's first cell starts (epoch seconds or ISO-8601). */
  public static final String START_AT = "--start-at";

  /** How long a segment's cell may run after its shared start ({@link SegmentRun#cellBound}). */
  public static final String CELL_DEADLINE_SECONDS = "--cell-deadline-seconds";

  /** How long cell 1 waits for every segment to be ready. */
  public static final String READY_TIMEOUT_SECONDS = "--ready-timeout-seconds";

  /** Each cell as one srun step of K harness tasks ({@link SrunStep}). */
  public static final String SRUN_TASKS = "--srun-tasks";

  /** One more option for each cell's srun step. */
  public static final String SRUN_OPTION = "--srun-option";

  /** Internal: the shared start instant of a segmented cell, on the machine's monotonic clock. */
  public static final String START_AT_NANOS = "--start-at-nanos";

  /** Internal: the parent's repetition number, for the segment's rows. */
  public static final String REPETITION = "--repetition";

  private RunArgs() {}

  /**
   * The command line of the child that runs {@code shard}'s segment of {@code plan}: the whole
   * cell's N with {@code --segment}, so the child computes its own share and request ids.
   *
   * @param plan the parent's cell
   * @param httpConnections the child's HTTP pool (its part of the parent's)
   * @param outputDir where the child writes its segment's files
   * @param sourceAddresses the child's local addresses (empty = the system's choice)
   * @param connection the run's pings and TLS trust, the child's too (a run with {@code --abandon}
   *     has no children: {@link RunConfig} refuses it with {@code --processes})
   */
  public static ChildCommand shard(
      CellPlan plan,
      CellPlan.Shard shard,
      int warmupSessions,
      int httpConnections,
      Path outputDir,
      List<String> sourceAddresses,
      Connection connection) {
    List<String> args = cell(plan, warmupSessions, httpConnections, sourceAddresses);
    add(args, OUTPUT_DIR, outputDir.toString());
    add(args, SEGMENT, shard.segment().format());
    add(args, START_AT_NANOS, Long.toString(shard.startAtNanos()));
    add(args, REPETITION, Integer.toString(shard.repetition()));
    connection(args, connection);
    return workload(args, plan.workload());
  }

  /**
   * The command line each task of a {@code --srun-tasks} step runs ({@link SrunStep}): {@code
   * plan}'s whole cell as a one-cell run {@code runId} whose segments agree on its start through
   * {@code scheduleDir}, without {@link #SEGMENT} and {@link #OUTPUT_DIR}: each task's shell adds
   * its own from its rank in the step.
   *
   * @param readyTimeoutSeconds how long the cell waits for every task to be ready
   */
  public static ChildCommand srunTask(
      CellPlan plan,
      int warmupSessions,
      int httpConnections,
      Connection connection,
      String runId,
      Path scheduleDir,
      double readyTimeoutSeconds) {
    List<String> args = cell(plan, warmupSessions, httpConnections, List.of());
    add(args, RUN_ID, runId);
    add(args, SCHEDULE_DIR, scheduleDir.toString());
    add(args, READY_TIMEOUT_SECONDS, Double.toString(readyTimeoutSeconds));
    connection(args, connection);
    return workload(args, plan.workload());
  }

  /** The options that make {@code plan} the child's one cell, and how the child runs it. */
  private static List<String> cell(
      CellPlan plan, int warmupSessions, int httpConnections, List<String> sourceAddresses) {
    List<String> args = new ArrayList<>();
    args.add(COMMAND);
    add(args, URLS, String.join(",", plan.targets().stream().map(Target::url).toList()));
    add(args, MODE, plan.mode().label());
    if (plan.openLoop() == null) {
      add(args, REQUESTS, Integer.toString(plan.numRequests()));
    } else {
      // The whole cell's schedule and bound: the child keeps its segment's share of both.
      add(args, ARRIVAL_RATE, Double.toString(plan.openLoop().ratePerSecond()));
      add(args, DURATION, Double.toString(plan.openLoop().durationSeconds()));
      if (plan.openLoop().poisson()) args.add(POISSON);
      add(args, MAX_IN_FLIGHT, Integer.toString(plan.openLoop().maxInFlight()));
    }
    add(args, WAIT, Double.toString(plan.waitSeconds()));
    add(args, STEPS, Integer.toString(plan.steps()));
    add(args, TIMEOUT, Double.toString(plan.timeoutSeconds()));
    add(args, RAMP_SECONDS, Double.toString(plan.rampSeconds()));
    if (plan.barrier()) args.add(BARRIER);
    if (plan.hardware() != null) add(args, HARDWARE, plan.hardware());
    add(args, WARMUP, Integer.toString(warmupSessions));
    add(args, HTTP_CONNECTIONS, Integer.toString(httpConnections));
    if (!sourceAddresses.isEmpty()) add(args, SOURCE_ADDRESSES, String.join(",", sourceAddresses));
    args.add(NO_PROGRESS);
    return args;
  }

  /** The workload's options, and its headers in the child's environment. */
  private static ChildCommand workload(List<String> args, Workload w) {
    if (w.reset() != null) add(args, RESET_JSON, UserActions.optionsText(w.reset()));
    switch (w.actions()) {
      case StepActions.Benchmark b -> {}
      case StepActions.Given g when g.file() != null -> add(args, ACTIONS, g.file().toString());
      case StepActions.Given g -> add(args, ACTION_JSON, g.actionJson());
    }
    if (!w.think().none()) add(args, THINK_SECONDS, w.think().format());
    add(args, SEED, Long.toString(w.seed()));
    if (w.headers().equals(RequestHeaders.NONE)) return ChildCommand.of(args);
    add(args, HEADERS_ENV, HEADERS_VARIABLE);
    return new ChildCommand(args, Map.of(HEADERS_VARIABLE, w.headers().encode()));
  }

  private static void connection(List<String> args, Connection c) {
    add(args, PING_SECONDS, Double.toString(c.pingSeconds()));
    add(args, PONG_TIMEOUT_SECONDS, Double.toString(c.pongTimeoutSeconds()));
    if (c.insecure()) args.add(INSECURE);
    if (c.caCert() != null) add(args, CA_CERT, c.caCert().toAbsolutePath().toString());
    add(args, OPEN_WINDOW, c.openWindowLabel());
    // The cell's rate: each process takes its share of it.
    add(args, RELEASE_RATE, c.releaseRateLabel());
  }

  private static void add(List<String> args, String option, String value) {
    args.add(option);
    args.add(value);
  }
}
