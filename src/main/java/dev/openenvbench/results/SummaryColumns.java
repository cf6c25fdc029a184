package dev.openenvbench.results;

import static dev.openenvbench.results.Field.Role.LABEL;
import static dev.openenvbench.results.Field.Role.MEASURE;
import static dev.openenvbench.results.Field.Role.SETTING;
import static dev.openenvbench.results.FormatVersion.FIRST;
import static dev.openenvbench.results.FormatVersion.SEED;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The schema of {@code summary.csv}: one row per cell, columns in this order, each with how it is
 * computed from a {@link CellSummary}. The seed harness's 33 columns come first with its names and
 * units (seconds; {@code error_rate} a fraction 0..1), then this project's additions, then {@code
 * format_version}, which stays last. This is the one declaration of the file: {@link
 * SummaryCsvWriter}, {@link SummaryCsvReader}, docs/formats.md and the machine-readable schema
 * follow it. Phase statistics are exact (from the cell's histograms) over successful sessions; an
 * empty cell means no sample.
 */
public final class SummaryColumns {
  static final Schema SCHEMA = new Schema("summary.csv");
  private static final Map<Field<?>, Function<CellSummary, ?>> VALUES = new HashMap<>();
  private static final Map<Phase, Map<Stat, Field<Double>>> STATS = new EnumMap<>(Phase.class);
  private static final int V2 = FormatVersion.SECOND;
  private static final int V3 = FormatVersion.THIRD;
  private static final int V4 = FormatVersion.CURRENT;

  public static final Field<String> MODE =
      seed("mode", Kind.TEXT, "", SETTING, "http or ws", s -> s.key().mode());
  public static final Field<String> URL =
      seed(
          "url",
          Kind.TEXT,
          "",
          LABEL,
          "the server root URL (several joined with ; for --urls)",
          s -> s.key().url());
  public static final Field<Integer> NUM_REQUESTS =
      seed(
          "num_requests",
          Kind.INT,
          "count",
          SETTING,
          "N, concurrent sessions in the cell",
          s -> s.key().numRequests());
  public static final Field<Integer> BATCH_SIZE =
      seed(
          "batch_size",
          Kind.INT,
          "count",
          SETTING,
          "= num_requests (the seed's alias)",
          s -> s.key().numRequests());
  public static final Field<Double> WAIT_SECONDS =
      seed("wait_seconds", Kind.FLOAT, "s", SETTING, "wait per step", s -> s.key().waitSeconds());
  public static final Field<Integer> REPETITION =
      register(
          SCHEMA.add(
              "repetition",
              Kind.INT,
              "",
              SEED,
              LABEL,
              "repetition of the configuration, 1-indexed",
              1),
          s -> s.key().repetition());
  public static final Field<String> TIMESTAMP =
      seed(
          "timestamp",
          Kind.TEXT,
          "",
          LABEL,
          "ISO-8601 UTC start of the cell",
          s -> s.key().timestamp());
  public static final Field<String> HARDWARE =
      seed("hardware", Kind.TEXT, "", LABEL, "the --hardware label", s -> s.key().hardware());
  public static final Field<Integer> SUCCESSFUL =
      seed(
          "successful",
          Kind.INT,
          "count",
          MEASURE,
          "sessions that succeeded",
          CellSummary::successful);
  public static final Field<Integer> FAILED =
      seed("failed", Kind.INT, "count", MEASURE, "sessions that failed", CellSummary::failed);
  public static final Field<Double> ERROR_RATE =
      seed(
          "error_rate",
          Kind.FLOAT,
          "fraction",
          MEASURE,
          "failed / (successful + failed), a fraction 0..1; empty when no session finished",
          CellSummary::errorRate);
  public static final Field<Double> TOTAL_WALL_TIME =
      seed(
          "total_wall_time",
          Kind.FLOAT,
          "s",
          MEASURE,
          "from the cell start to the last session's end",
          CellSummary::totalWallTime);

  static {
    stats(Phase.CONNECT, SEED, Stat.P50, Stat.P95, Stat.P99);
    stats(Phase.RESET, SEED, Stat.P50, Stat.P95, Stat.P99);
    stats(Phase.STEP, SEED, Stat.P50, Stat.P95, Stat.P99);
    stats(Phase.TOTAL, SEED, Stat.MIN, Stat.MAX, Stat.AVG, Stat.P50, Stat.P90, Stat.P95, Stat.P99);
  }

  public static final Field<Double> REQUESTS_PER_SECOND =
      seed(
          "requests_per_second",
          Kind.FLOAT,
          "1/s",
          MEASURE,
          "successful sessions per second of wall time",
          CellSummary::requestsPerSecond);
  public static final Field<Double> EFFECTIVE_CONCURRENCY =
      seed(
          "effective_concurrency",
          Kind.FLOAT,
          "count",
          MEASURE,
          "successful × wait × steps / total_wall_time: the seed's N × wait / wall, counting only"
              + " the sessions that waited (all of N in a healthy cell)",
          CellSummary::effectiveConcurrency);
  public static final Field<Integer> UNIQUE_PIDS =
      seed(
          "unique_pids",
          Kind.INT,
          "count",
          MEASURE,
          "distinct pid over successful sessions",
          CellSummary::uniquePids);
  public static final Field<Integer> UNIQUE_SESSIONS =
      seed(
          "unique_sessions",
          Kind.INT,
          "count",
          MEASURE,
          "distinct session_hash over successful sessions",
          CellSummary::uniqueSessions);
  public static final Field<Integer> UNIQUE_HOSTS =
      seed(
          "unique_hosts",
          Kind.INT,
          "count",
          MEASURE,
          "distinct servers the successful sessions reached: by host_url, else by a"
              + " backend-identifying header, else by peer address (hosts_source says which)",
          CellSummary::uniqueHosts);

  public static final Field<Integer> STEPS =
      added(
          FIRST, "steps", Kind.INT, "count", SETTING, "steps per session", 1, s -> s.key().steps());
  public static final Field<Boolean> BARRIER =
      added(
          FIRST,
          "barrier",
          Kind.BOOL,
          "",
          SETTING,
          "true when --barrier held every step until all sessions had reset",
          false,
          s -> s.key().barrier());
  public static final Field<Double> RAMP_SECONDS =
      added(
          FIRST,
          "ramp_seconds",
          Kind.FLOAT,
          "s",
          SETTING,
          "connects spread over this many seconds (0 = all at once)",
          0.0,
          s -> s.key().rampSeconds());

  static {
    stats(Phase.TCP_CONNECT, FIRST, Stat.P50, Stat.P95, Stat.P99);
    stats(Phase.WS_UPGRADE, FIRST, Stat.P50, Stat.P95, Stat.P99);
    stats(Phase.CLOSE, FIRST, Stat.P50, Stat.P95, Stat.P99);
    stats(Phase.STEP, FIRST, Stat.MAX);
    stats(Phase.STEP_OVERHEAD, FIRST, Stat.P50, Stat.P95, Stat.P99);
  }

  public static final Field<Integer> PEAK_CONCURRENCY =
      added(
          FIRST,
          "peak_concurrency",
          Kind.INT,
          "count",
          MEASURE,
          "most sessions in their step phase at one instant; below N means the load was not"
              + " fully concurrent",
          null,
          CellSummary::peakConcurrency);
  public static final Field<Double> OPEN_RATE =
      added(
          FIRST,
          "open_rate",
          Kind.FLOAT,
          "1/s",
          MEASURE,
          "sessions connected per second, from the cell start to the last connect completed",
          null,
          CellSummary::openRate);
  public static final Field<String> ERRORS =
      added(
          FIRST,
          "errors",
          Kind.TEXT,
          "",
          MEASURE,
          "failures per cause: error_type or error_type:error_code, =count, joined with ;",
          null,
          SummaryColumns::errors);
  public static final Field<Double> HARNESS_CPU_SECONDS =
      added(
          FIRST,
          "harness_cpu_seconds",
          Kind.FLOAT,
          "s",
          MEASURE,
          "CPU time the harness used during the cell",
          null,
          s -> s.harness().cpuSeconds());
  public static final Field<Double> HARNESS_CPU_MAX =
      added(
          FIRST,
          "harness_cpu_max",
          Kind.FLOAT,
          "fraction",
          MEASURE,
          "highest sampled harness CPU load, fraction of all cores",
          null,
          s -> s.harness().cpuMax());
  public static final Field<Double> HARNESS_LOOP_LAG_MAX_MS =
      added(
          FIRST,
          "harness_loop_lag_max_ms",
          Kind.FLOAT,
          "ms",
          MEASURE,
          "longest delay of a probe task queued on an event loop every 100 ms: how late a phase"
              + " stamp could have been",
          null,
          s -> s.harness().loopLagMaxMs());
  public static final Field<Double> HARNESS_GC_PAUSE_MS =
      added(
          FIRST,
          "harness_gc_pause_ms",
          Kind.FLOAT,
          "ms",
          MEASURE,
          "GC time during the cell",
          null,
          s -> s.harness().gcPauseMs());
  public static final Field<Long> HARNESS_OPEN_FDS_MAX =
      added(
          FIRST,
          "harness_open_fds_max",
          Kind.LONG,
          "count",
          MEASURE,
          "most file descriptors open at once",
          null,
          s -> s.harness().openFdsMax());
  public static final Field<Boolean> HARNESS_SATURATED =
      added(
          FIRST,
          "harness_saturated",
          Kind.BOOL,
          "",
          MEASURE,
          "true when the harness may have limited the measurement: loop lag ≥ 20 ms, or, in a cell"
              + " of at least 1 s, mean CPU ≥ 90% of all cores or GC ≥ 20 ms and > 5% of the wall"
              + " time",
          false,
          s -> s.harness().saturated());
  public static final Field<Boolean> INCOMPLETE =
      added(
          FIRST,
          "incomplete",
          Kind.BOOL,
          "",
          MEASURE,
          "true when the run stopped before every session finished; the row covers what finished",
          false,
          CellSummary::incomplete);

  public static final Field<Integer> UNFINISHED =
      added(
          V2,
          "unfinished",
          Kind.INT,
          "count",
          MEASURE,
          "sessions that had started but not finished when the run stopped (raw.jsonl:"
              + " error_type unfinished); neither successful nor failed",
          null,
          CellSummary::unfinished);
  public static final Field<String> RUN_ID =
      added(
          V2,
          "run_id",
          Kind.TEXT,
          "",
          LABEL,
          "the run that wrote the row: its manifest is runs/<run_id>/manifest.json",
          null,
          s -> s.key().runId());
  public static final Field<String> CELL_ID =
      added(
          V2,
          "cell_id",
          Kind.TEXT,
          "",
          LABEL,
          "this cell, unique across runs (<run_id>-c<n>); its sessions in raw.jsonl and its"
              + " histograms carry it",
          null,
          s -> s.key().cellId());
  public static final Field<Double> SERVER_STEP_OVERHEAD_P50 =
      added(
          V3,
          "server_step_overhead_p50",
          Kind.FLOAT,
          "s",
          MEASURE,
          "the server's own step overhead over the cell's steps, median, from its /metrics"
              + " (openenv_step_overhead_seconds before and after the cell): the upper bound of the"
              + " bucket that holds it; empty when the server offers no such histogram",
          null,
          s -> s.server().overheadP50());
  public static final Field<Double> SERVER_STEP_OVERHEAD_P99 =
      added(
          V3,
          "server_step_overhead_p99",
          Kind.FLOAT,
          "s",
          MEASURE,
          "the same, 99th percentile",
          null,
          s -> s.server().overheadP99());
  public static final Field<Double> SERVER_CPU_SECONDS =
      added(
          V3,
          "server_cpu_seconds",
          Kind.FLOAT,
          "s",
          MEASURE,
          "CPU time the server's workers used during the cell (process_cpu_seconds_total before"
              + " and after); empty when the server offers none",
          null,
          s -> s.server().cpuSeconds());
  public static final Field<String> SERVER_METRICS =
      added(
          V3,
          "server_metrics",
          Kind.TEXT,
          "",
          MEASURE,
          "complete when every server pid of the cell's rows answered /metrics before and after"
              + " the cell; partial when some did not (the server_ figures cover those that did);"
              + " empty when the server offers no metrics",
          null,
          s -> s.server().status());
  // Format 4: the connection's lifecycle (run --abandon and real deployments' answers).
  public static final Field<Integer> ABANDONED =
      added(
          V4,
          "abandoned",
          Kind.INT,
          "count",
          MEASURE,
          "sessions that vanished mid-step on purpose (--abandon; raw.jsonl: error_type"
              + " abandoned, counted in failed)",
          0,
          s -> s.abandoned().abandoned());
  public static final Field<String> ABANDON_HOW =
      added(
          V4,
          "abandon_how",
          Kind.TEXT,
          "",
          SETTING,
          "how they vanished: close, reset or silent; empty without --abandon",
          null,
          s -> s.abandoned().how());
  public static final Field<String> ABANDON_PROBE =
      added(
          V4,
          "abandon_probe",
          Kind.TEXT,
          "",
          MEASURE,
          "where the probe read the server's slots from: metrics (its openenv_sessions_active)"
              + " or refusal (the active/max counts of a CAPACITY_REACHED); empty when nothing was"
              + " abandoned or the server offers neither",
          null,
          s -> s.abandoned().probe());
  public static final Field<Double> ABANDON_RECOVERY_SECONDS =
      added(
          V4,
          "abandon_recovery_seconds",
          Kind.FLOAT,
          "s",
          MEASURE,
          "last abandonment → the first probe that found every abandoned slot given back; empty"
              + " when they were not within --abandon-probe-seconds",
          null,
          s -> s.abandoned().recoverySeconds());
  public static final Field<Integer> ABANDON_SLOTS_HELD =
      added(
          V4,
          "abandon_slots_held",
          Kind.INT,
          "count",
          MEASURE,
          "slots the server still held for abandoned sessions when the probe ended (0 ="
              + " recovered); empty when unknown",
          null,
          s -> s.abandoned().slotsHeld());
  public static final Field<String> HOSTS_SOURCE =
      added(
          V4,
          "hosts_source",
          Kind.TEXT,
          "",
          MEASURE,
          "what unique_hosts counts: host_url (the observation's), header (a backend-identifying"
              + " header) or peer_address (the socket's peer); empty when no session succeeded",
          DistinctHosts.HOST_URL,
          CellSummary::hostsSource);
  // Format 4, the workload (--reset-json, --action-json, --actions, --think-seconds).
  public static final Field<Integer> EPISODES_DONE =
      added(
          V4,
          "episodes_done",
          Kind.INT,
          "count",
          MEASURE,
          "successful sessions whose episode the environment ended (a step's reply said done:"
              + " true), so that they stopped stepping there (raw.jsonl: episode_done,"
              + " steps_completed); not failures",
          0,
          CellSummary::episodesDone);
  // Open-loop cells (run --arrival-rate), format 4: empty in a batch cell's row.
  public static final Field<Double> ARRIVAL_RATE =
      added(
          V4,
          "arrival_rate",
          Kind.FLOAT,
          "1/s",
          SETTING,
          "open-loop cell: sessions started per second on a schedule (then num_requests is the"
              + " sessions started, an outcome, and connect_ and total_ are measured from each"
              + " session's intended start); empty for a batch cell",
          null,
          s -> s.key().openLoop() == null ? null : s.key().openLoop().ratePerSecond());
  public static final Field<String> ARRIVAL_PROCESS =
      added(
          V4,
          "arrival_process",
          Kind.TEXT,
          "",
          SETTING,
          "constant (evenly spaced arrivals) or poisson (exponential gaps, seeded)",
          null,
          s -> s.key().openLoop() == null ? null : s.key().openLoop().process());
  public static final Field<Double> ARRIVAL_SECONDS =
      added(
          V4,
          "arrival_seconds",
          Kind.FLOAT,
          "s",
          SETTING,
          "the window sessions were scheduled in (--duration)",
          null,
          s -> s.key().openLoop() == null ? null : s.key().openLoop().durationSeconds());
  public static final Field<Integer> MAX_IN_FLIGHT =
      added(
          V4,
          "max_in_flight",
          Kind.INT,
          "count",
          SETTING,
          "the bound on sessions running at once; an arrival beyond it waits for a free slot",
          null,
          s -> s.key().openLoop() == null ? null : s.key().openLoop().maxInFlight());
  public static final Field<Integer> SESSIONS_SCHEDULED =
      added(
          V4,
          "sessions_scheduled",
          Kind.INT,
          "count",
          MEASURE,
          "arrivals the schedule had in its window (started + dropped)",
          null,
          s -> s.arrivals() == null ? null : s.arrivals().scheduled());
  public static final Field<Integer> SESSIONS_LATE =
      added(
          V4,
          "sessions_late",
          Kind.INT,
          "count",
          MEASURE,
          "sessions that started more than 10 ms after their intended start (waited for a slot,"
              + " or the harness was late)",
          null,
          s -> s.arrivals() == null ? null : s.arrivals().late());
  public static final Field<Integer> SESSIONS_DROPPED =
      added(
          V4,
          "sessions_dropped",
          Kind.INT,
          "count",
          MEASURE,
          "arrivals that never started: still waiting for a slot when the window closed",
          null,
          s -> s.arrivals() == null ? null : s.arrivals().dropped());

  static {
    stats(Phase.START_DELAY, V4, Stat.P50, Stat.P99, Stat.MAX);
    stats(Phase.CONNECT_UNCORRECTED, V4, Stat.P50, Stat.P95, Stat.P99);
    stats(Phase.TOTAL_UNCORRECTED, V4, Stat.P50, Stat.P90, Stat.P95, Stat.P99, Stat.MAX);
  }

  public static final Field<Integer> FORMAT_VERSION =
      added(
          V2,
          "format_version",
          Kind.INT,
          "",
          LABEL,
          "the layout version of this row; readers fill it in for the seed's files (0) and format"
              + " 1",
          null,
          s -> FormatVersion.CURRENT);

  /** Every column, in file order. */
  public static final List<Field<?>> ALL = SCHEMA.fields();

  private SummaryColumns() {}

  /** The column of one phase statistic, e.g. {@code stat(Phase.TOTAL, Stat.P99)}: total_p99. */
  public static Field<Double> stat(Phase phase, Stat stat) {
    Field<Double> f = STATS.getOrDefault(phase, Map.of()).get(stat);
    if (f == null) {
      throw new IllegalArgumentException("summary.csv has no " + phase.columnPrefix() + " " + stat);
    }
    return f;
  }

  /** The column of that name, or null: another tool's column. */
  public static Field<?> named(String name) {
    return SCHEMA.field(name);
  }

  /** The header a format version wrote, in order ({@link FormatVersion#SEED} = the seed's). */
  public static List<String> names(int version) {
    return SCHEMA.names(version);
  }

  /** The row of a cell. */
  public static SummaryRecord of(CellSummary s) {
    SummaryRecord.Builder b = SummaryRecord.builder();
    for (Field<?> f : ALL) {
      set(b, f, s);
    }
    return b.build();
  }

  private static <T> void set(SummaryRecord.Builder b, Field<T> f, CellSummary s) {
    b.set(f, f.kind().javaType().cast(VALUES.get(f).apply(s)));
  }

  /** Failure counts per cause, e.g. {@code openenv_error:CAPACITY_REACHED=3;read_timeout=1}. */
  public static String errors(CellSummary s) {
    return s.errors().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(";"));
  }

  private static void stats(Phase phase, int since, Stat... which) {
    for (Stat st : which) {
      String name = phase.columnPrefix() + "_" + st.suffix();
      String doc = phase.description() + ", " + st.description();
      Field<Double> f =
          register(
              SCHEMA.add(name, Kind.FLOAT, "s", since, MEASURE, doc, null),
              s -> s.phase(phase) == null ? null : st.of(s.phase(phase)));
      STATS.computeIfAbsent(phase, p -> new EnumMap<>(Stat.class)).put(st, f);
    }
  }

  private static <T> Field<T> seed(
      String name,
      Kind<T> kind,
      String unit,
      Field.Role role,
      String doc,
      Function<CellSummary, T> value) {
    return register(SCHEMA.add(name, kind, unit, SEED, role, doc, null), value);
  }

  private static <T> Field<T> added(
      int since,
      String name,
      Kind<T> kind,
      String unit,
      Field.Role role,
      String doc,
      T absent,
      Function<CellSummary, T> value) {
    return register(SCHEMA.add(name, kind, unit, since, role, doc, absent), value);
  }

  private static <T> Field<T> register(Field<T> f, Function<CellSummary, T> value) {
    VALUES.put(f, value);
    return f;
  }
}
