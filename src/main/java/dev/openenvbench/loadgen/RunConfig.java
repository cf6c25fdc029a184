package dev.openenvbench.loadgen;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a run does, validated: which modes, servers and cells (requests × waits × reps), how
 * each session behaves, and where results go ({@code outputDir} null = console only).
 *
 * @param targets the servers; empty means "start a local server"
 * @param expectedHosts distinct {@code host_url}s each cell should reach (0 = no check)
 * @param warmupSessions unrecorded sessions per mode before the first cell (0 = none)
 * @param processes harness processes each cell is split over (1 = this process alone)
 * @param shard set in a child process of {@code --processes}: the segment this process runs
 * @param connection keep-alive pings, abandoned sessions and TLS trust (null = {@link
 *     Connection#DEFAULT})
 * @param workload what each session sends (reset payload, actions, headers) and its think time
 * @param arrivals open-loop cells: sessions start at rates instead of in batches of the requests
 *     grid; null = batches, the seed's way
 * @param segmentRun a public {@code run --segment}: this process's share of a run over several
 *     machines, and how it keeps time with the others; null otherwise
 * @param srun {@code --srun-tasks}: each cell is one srun step of {@code processes} tasks on the
 *     nodes of a SLURM allocation instead of that many local children; null otherwise
 */
public record RunConfig(
    List<CellPlan.Mode> modes,
    List<Target> targets,
    List<Integer> requestsGrid,
    List<Double> waitGrid,
    int reps,
    int steps,
    double rampSeconds,
    boolean barrier,
    double timeoutSeconds,
    String hardware,
    Path outputDir,
    boolean verbose,
    boolean progress,
    int httpConnections,
    List<String> sourceAddresses,
    int expectedHosts,
    boolean requireHosts,
    int serverWorkers,
    int warmupSessions,
    int processes,
    CellPlan.Shard shard,
    double maxDurationSeconds,
    boolean resume,
    Connection connection,
    Workload workload,
    Arrivals arrivals,
    SegmentRun segmentRun,
    SrunStep srun) {

  /**
   * Options that do not change what a run measures, so a {@code --resume} still matches a run that
   * had other values for them.
   */
  public static final Set<String> NOT_COMPARED_BY_RESUME =
      Set.of("resume", "max_duration_seconds", "output_dir");

  public RunConfig {
    if (modes.isEmpty()) throw new IllegalArgumentException("no mode");
    if (requestsGrid.isEmpty() || requestsGrid.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("request counts must be ≥ 1");
    }
    if (waitGrid.isEmpty() || waitGrid.stream().anyMatch(w -> w < 0 || w.isNaN())) {
      throw new IllegalArgumentException("wait times must be ≥ 0");
    }
    if (reps < 1) throw new IllegalArgumentException("--reps must be ≥ 1");
    if (steps < 1) throw new IllegalArgumentException("--steps must be ≥ 1");
    if (rampSeconds < 0) throw new IllegalArgumentException("--ramp-seconds must be ≥ 0");
    if (!(timeoutSeconds > 0)) throw new IllegalArgumentException("--timeout must be > 0");
    if (httpConnections < 1) throw new IllegalArgumentException("--http-connections must be ≥ 1");
    if (processes < 1) throw new IllegalArgumentException("--processes must be ≥ 1");
    if (processes > 1 && requestsGrid.stream().anyMatch(n -> n < processes)) {
      throw new IllegalArgumentException(
          (srun != null ? RunArgs.SRUN_TASKS : "--processes")
              + " "
              + processes
              + " needs at least that many sessions per cell");
    }
    if (warmupSessions < 0) throw new IllegalArgumentException("--warmup must be ≥ 0");
    if (expectedHosts < 0) throw new IllegalArgumentException("--expected-hosts must be ≥ 0");
    if (maxDurationSeconds < 0) {
      throw new IllegalArgumentException("--max-duration must be ≥ 0 (0 = no bound)");
    }
    if (resume && outputDir == null) {
      throw new IllegalArgumentException("--resume needs --output-dir: the folder to resume in");
    }
    if (requireHosts && expectedHosts == 0) {
      throw new IllegalArgumentException("--require-hosts needs --expected-hosts N");
    }
    if (connection == null) connection = Connection.DEFAULT;
    if (connection.abandonFraction() > 0 && modes.contains(CellPlan.Mode.HTTP)) {
      throw new IllegalArgumentException(
          "--abandon needs -m ws: an HTTP session holds no server slot between its requests");
    }
    if (connection.abandonFraction() > 0 && processes > 1) {
      throw new IllegalArgumentException(
          "--abandon runs in one process: its silent sockets must stay open until the probe after"
              + " the cell, which --processes children do not outlive");
    }
    if (connection.abandonFraction() > 0 && arrivals != null) {
      throw new IllegalArgumentException(
          "--abandon works on batch cells: its probe counts the slots a known N of sessions left,"
              + " which an open-loop cell (--arrival-rate) does not have");
    }
    if (connection.openWindow() > 0 && rampSeconds > 0) {
      throw new IllegalArgumentException(
          "--open-window and --ramp-seconds both pace how sessions open: give one of them");
    }
    if (connection.openWindow() > 0 && arrivals != null) {
      throw new IllegalArgumentException(
          "--open-window works on batch cells; an open-loop cell (--arrival-rate) bounds its"
              + " sessions with --max-in-flight");
    }
    if (workload == null) throw new IllegalArgumentException("no workload");
    if (workload.customActions() && waitGrid.size() > 1) {
      throw new IllegalArgumentException(
          "--wait-grid varies the benchmark's wait_seconds; with --action-json or --actions the"
              + " steps send your actions as they are, so every cell would be the same");
    }
    if (arrivals != null) checkOpenLoop(barrier, rampSeconds, arrivals, processes, segmentRun);
    if (srun != null) checkSrun(srun, processes, targets, sourceAddresses, segmentRun, shard);
    if (segmentRun != null) checkSegment(processes, resume, targets, arrivals, shard);
    modes = List.copyOf(modes);
    targets = List.copyOf(targets);
    requestsGrid = List.copyOf(requestsGrid);
    waitGrid = List.copyOf(waitGrid);
    sourceAddresses = List.copyOf(sourceAddresses);
  }

  /** Options that do not go with a public {@code --segment}. */
  private static void checkSegment(
      int processes,
      boolean resume,
      List<Target> targets,
      Arrivals arrivals,
      CellPlan.Shard shard) {
    if (processes > 1) {
      throw new IllegalArgumentException(
          "--segment runs one process's share of each cell; --processes splits each cell over"
              + " local processes: use one of them (K local segments are --processes K)");
    }
    if (resume) {
      throw new IllegalArgumentException(
          "--resume does not go with --segment: rerun all segments with a new --run-id");
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException(
          "--segment needs --url: the segments must drive one server, not a local one each");
    }
    if (shard != null) {
      throw new IllegalArgumentException(
          "--start-at-nanos is for run --processes's children, not for a --segment with --run-id");
    }
  }

  /** Options that do not go with {@code --srun-tasks}. */
  private static void checkSrun(
      SrunStep srun,
      int processes,
      List<Target> targets,
      List<String> sourceAddresses,
      SegmentRun segmentRun,
      CellPlan.Shard shard) {
    if (processes != srun.tasks()) {
      throw new IllegalArgumentException(
          "processes " + processes + " != the " + srun.tasks() + " tasks of each srun step");
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException(
          RunArgs.SRUN_TASKS
              + " needs --url: the tasks on other nodes must drive one server, not one this"
              + " process starts");
    }
    if (!sourceAddresses.isEmpty()) {
      throw new IllegalArgumentException(
          RunArgs.SOURCE_ADDRESSES
              + " names this machine's addresses; the tasks of "
              + RunArgs.SRUN_TASKS
              + " send from their own nodes");
    }
    if (segmentRun != null || shard != null) {
      throw new IllegalArgumentException(
          RunArgs.SRUN_TASKS + " starts segments itself: it does not go with --segment");
    }
  }

  /** The segment of each cell this process runs, or null when it runs whole cells. */
  public Segment segment() {
    if (shard != null) return shard.segment();
    return segmentRun == null ? null : segmentRun.segment();
  }

  /** Options that make no sense for sessions started on a schedule. */
  private static void checkOpenLoop(
      boolean barrier,
      double rampSeconds,
      Arrivals arrivals,
      int processes,
      SegmentRun segmentRun) {
    if (barrier) {
      throw new IllegalArgumentException(
          "--barrier holds a batch's steps until all have reset; --arrival-rate has no batch");
    }
    if (rampSeconds > 0) {
      throw new IllegalArgumentException(
          "--ramp-seconds spreads a batch's connects; --arrival-rate sets when sessions start");
    }
    // Split over processes, each takes every K-th arrival and its share of the bound.
    int k = segmentRun != null ? segmentRun.segment().count() : processes;
    if (arrivals.maxInFlight() < k) {
      throw new IllegalArgumentException(
          "--max-in-flight "
              + arrivals.maxInFlight()
              + " is split over the "
              + k
              + " processes of each cell: it must be at least "
              + k);
    }
  }

  /**
   * The most sessions this process runs at once: in a child, its segment's share of them; in an
   * open-loop run, its {@code --max-in-flight}.
   */
  public int maxRequests() {
    int n =
        arrivals != null
            ? arrivals.maxInFlight()
            : requestsGrid.stream().mapToInt(Integer::intValue).max().orElse(1);
    return segment() == null ? n : segment().share(n);
  }

  /**
   * The cells in run order: N, then wait, then repetition, then mode (so compare pairs are
   * adjacent).
   */
  public List<CellPlan> cells(List<Target> resolvedTargets) {
    if (arrivals != null) return openLoopCells(resolvedTargets);
    List<CellPlan> cells = new java.util.ArrayList<>();
    for (int n : requestsGrid) {
      for (double w : waitGrid) {
        for (int rep = 1; rep <= reps; rep++) {
          for (CellPlan.Mode m : modes) {
            int r = shard == null ? rep : shard.repetition();
            CellPlan.Shard cellShard = cellShard(rep);
            cells.add(
                new CellPlan(
                    m,
                    resolvedTargets,
                    n,
                    w,
                    r,
                    steps,
                    rampSeconds,
                    barrier,
                    timeoutSeconds,
                    hardware,
                    cellShard,
                    workload));
          }
        }
      }
    }
    return cells;
  }

  /**
   * The segment of a cell this process runs: a {@code --processes} child's, a public segment's (its
   * start set cell by cell by its schedule, {@link SegmentPacer}), or null for whole cells.
   */
  private CellPlan.Shard cellShard(int rep) {
    return segmentRun == null ? shard : new CellPlan.Shard(segmentRun.segment(), 0, rep);
  }

  /** An open-loop run's cells: rate, then wait, then repetition, then mode. */
  private List<CellPlan> openLoopCells(List<Target> resolvedTargets) {
    List<CellPlan> cells = new java.util.ArrayList<>();
    for (double rate : arrivals.ratesPerSecond()) {
      var schedule = arrivals.cell(rate);
      for (double w : waitGrid) {
        for (int rep = 1; rep <= reps; rep++) {
          for (CellPlan.Mode m : modes) {
            cells.add(
                new CellPlan(
                    m,
                    resolvedTargets,
                    schedule.plannedSessions(),
                    w,
                    shard == null ? rep : shard.repetition(),
                    steps,
                    0,
                    false,
                    timeoutSeconds,
                    hardware,
                    cellShard(rep),
                    workload,
                    schedule));
          }
        }
      }
    }
    return cells;
  }

  /**
   * The whole configuration by option name, for the run manifest. Every option is here; a secret (a
   * header value, a token) must be written as {@code "<redacted>"}, never as itself.
   */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("modes", modes.stream().map(CellPlan.Mode::label).toList());
    m.put("urls", targets.stream().map(Target::url).toList());
    m.put("local_server", targets.isEmpty());
    m.put("requests_grid", requestsGrid);
    m.put("wait_grid", waitGrid);
    m.put("reps", reps);
    m.put("steps", steps);
    m.put("ramp_seconds", rampSeconds);
    m.put("barrier", barrier);
    m.put("timeout_seconds", timeoutSeconds);
    m.put("hardware", hardware);
    m.put("output_dir", outputDir == null ? null : outputDir.toString());
    m.put("http_connections", httpConnections);
    m.put("source_addresses", sourceAddresses);
    m.put("expected_hosts", expectedHosts);
    m.put("require_hosts", requireHosts);
    m.put("server_workers", serverWorkers);
    m.put("warmup_sessions", warmupSessions);
    m.put("processes", processes);
    m.put("max_duration_seconds", maxDurationSeconds);
    m.put("resume", resume);
    Map<String, Object> conn = connection.describe();
    // The pace of a barrier's steps means nothing without one: a run without, resumed, matches
    // one from before the option.
    if (!barrier) conn.remove("release_rate");
    m.put("connection", conn);
    m.putAll(workload.describe());
    m.put("arrivals", arrivals == null ? null : arrivals.describe());
    if (segmentRun != null) m.putAll(segmentRun.describe());
    if (srun != null) m.putAll(srun.describe());
    return m;
  }
}
