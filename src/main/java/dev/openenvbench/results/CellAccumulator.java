package dev.openenvbench.results;

import static dev.openenvbench.results.RawFields.CLOSE_LATENCY;
import static dev.openenvbench.results.RawFields.CONNECT_LATENCY;
import static dev.openenvbench.results.RawFields.ERROR_CODE;
import static dev.openenvbench.results.RawFields.ERROR_MESSAGE;
import static dev.openenvbench.results.RawFields.ERROR_TYPE;
import static dev.openenvbench.results.RawFields.PID;
import static dev.openenvbench.results.RawFields.RESET_LATENCY;
import static dev.openenvbench.results.RawFields.SESSION_HASH;
import static dev.openenvbench.results.RawFields.START_DELAY;
import static dev.openenvbench.results.RawFields.START_OFFSET;
import static dev.openenvbench.results.RawFields.STEP_END_OFFSET;
import static dev.openenvbench.results.RawFields.STEP_LATENCY;
import static dev.openenvbench.results.RawFields.STEP_OVERHEAD;
import static dev.openenvbench.results.RawFields.STEP_START_OFFSET;
import static dev.openenvbench.results.RawFields.TCP_CONNECT_LATENCY;
import static dev.openenvbench.results.RawFields.TOTAL_LATENCY;
import static dev.openenvbench.results.RawFields.WS_UPGRADE_LATENCY;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds a cell's {@link SessionRecord}s, one at a time as sessions finish, into histograms,
 * counters and sets, then builds its {@link CellSummary}. Keeps O(1) data per session (two longs
 * for the step interval, the distinct pids/sessions/hosts), never the records themselves.
 * Thread-safe.
 */
public final class CellAccumulator {
  /** The {@code error_type} of a session the run stopped before it finished. */
  public static final String UNFINISHED = "unfinished";

  private final CellKey key;
  private final PhaseHistograms histograms = new PhaseHistograms();
  private final Set<Long> pids = new HashSet<>();
  private final Set<String> sessions = new HashSet<>();
  private final DistinctHosts hosts = new DistinctHosts();
  private final TreeMap<String, Integer> errors = new TreeMap<>();
  private final TreeMap<String, String> errorExamples = new TreeMap<>();
  private long[] stepStartsMicros = new long[64];
  private long[] stepEndsMicros = new long[64];
  private int intervals;
  private int successful;
  private int failed;
  private int unfinished;
  private int episodesDone;
  private int connected;
  private double lastConnectedOffset;
  private int late;
  private int scheduled;
  private int dropped;

  public CellAccumulator(CellKey key) {
    this.key = key;
  }

  public synchronized void add(SessionRecord r) {
    Double connect = r.get(CONNECT_LATENCY);
    Double start = r.get(START_OFFSET);
    Double delay = r.get(START_DELAY);
    if (connect != null) {
      connected++;
      if (start != null) {
        // A connect counted from the intended start (open loop, --open-window) holds the start
        // delay: the actual start plus it would count that wait twice.
        double connectedAt = start + connect - (delay == null ? 0 : delay);
        lastConnectedOffset = Math.max(lastConnectedOffset, connectedAt);
      }
    }
    if (delay != null && delay > OpenLoop.LATE_SECONDS) late++;
    if (UNFINISHED.equals(r.get(ERROR_TYPE))) {
      unfinished++;
      return;
    }
    if (!r.success()) {
      failed++;
      String type = r.get(ERROR_TYPE);
      String code = r.get(ERROR_CODE);
      String cause = code == null ? type : type + ":" + code;
      errors.merge(cause, 1, Integer::sum);
      errorExamples.putIfAbsent(cause, String.valueOf(r.get(ERROR_MESSAGE)));
      return;
    }
    successful++;
    if (Boolean.TRUE.equals(r.get(RawFields.EPISODE_DONE))) episodesDone++;
    recordPhases(r);
    if (r.get(PID) != null) pids.add(r.get(PID));
    if (r.get(SESSION_HASH) != null) sessions.add(r.get(SESSION_HASH));
    hosts.add(r);
    Double stepStart = r.get(STEP_START_OFFSET);
    Double stepEnd = r.get(STEP_END_OFFSET);
    if (stepStart != null && stepEnd != null) {
      addInterval(micros(stepStart), micros(stepEnd));
    }
  }

  private void recordPhases(SessionRecord r) {
    record(Phase.CONNECT, r.get(CONNECT_LATENCY));
    record(Phase.TCP_CONNECT, r.get(TCP_CONNECT_LATENCY));
    record(Phase.WS_UPGRADE, r.get(WS_UPGRADE_LATENCY));
    record(Phase.RESET, r.get(RESET_LATENCY));
    record(Phase.STEP, r.get(STEP_LATENCY));
    record(Phase.STEP_OVERHEAD, r.get(STEP_OVERHEAD));
    record(Phase.CLOSE, r.get(CLOSE_LATENCY));
    record(Phase.TOTAL, r.get(TOTAL_LATENCY));
    Double delay = r.get(START_DELAY);
    if (delay != null) {
      // An open-loop row's connect and total start at its intended start: less the delay, they
      // start where the session did.
      record(Phase.START_DELAY, delay);
      record(Phase.CONNECT_UNCORRECTED, minus(r.get(CONNECT_LATENCY), delay));
      record(Phase.TOTAL_UNCORRECTED, minus(r.get(TOTAL_LATENCY), delay));
    }
  }

  private static Double minus(Double v, double d) {
    return v == null ? null : v - d;
  }

  /**
   * How an open-loop cell's schedule ended, from its runner: the arrivals it had and those that
   * never started. A summary with these has the open-loop columns; without, a batch cell's.
   */
  public synchronized void scheduleEnded(int scheduledArrivals, int droppedArrivals) {
    scheduled = scheduledArrivals;
    dropped = droppedArrivals;
  }

  private void record(Phase p, Double seconds) {
    if (seconds != null) histograms.recordSeconds(p, seconds);
  }

  private void addInterval(long start, long end) {
    if (intervals == stepStartsMicros.length) {
      stepStartsMicros = Arrays.copyOf(stepStartsMicros, intervals * 2);
      stepEndsMicros = Arrays.copyOf(stepEndsMicros, intervals * 2);
    }
    stepStartsMicros[intervals] = start;
    stepEndsMicros[intervals] = end;
    intervals++;
  }

  private static long micros(double seconds) {
    return Math.round(seconds * 1e6);
  }

  /** The distinct server pids of the successful sessions so far. */
  public synchronized Set<Long> pids() {
    return Set.copyOf(pids);
  }

  /** Sessions recorded so far: finished, or declared unfinished when the run stopped. */
  public synchronized int recorded() {
    return successful + failed + unfinished;
  }

  /** A copy of this cell's histograms, for exact merging across repetitions or shards. */
  public synchronized PhaseHistograms histograms() {
    PhaseHistograms copy = new PhaseHistograms();
    copy.add(histograms);
    return copy;
  }

  /**
   * Builds the summary row.
   *
   * @param wallSeconds seconds from the cell's start to its last session's end (or to the abort)
   */
  public synchronized CellSummary summarize(
      double wallSeconds, HarnessLoad load, boolean incomplete) {
    Map<Phase, PhaseStats> phases = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      PhaseStats s = histograms.stats(p);
      if (s != null) phases.put(p, s);
    }
    double wall = Math.max(wallSeconds, 1e-9);
    // The seed's N × wait × steps / wall, with N the sessions that really waited: a session refused
    // at once adds nothing (all 500 refused in 0.76 s once read as 658 "concurrent").
    double effective = successful * key.waitSeconds() * key.steps() / wall;
    double openRate = lastConnectedOffset > 0 ? connected / lastConnectedOffset : 0;
    // An open-loop cell's N is what it started: every started session has a row.
    boolean open = key.openLoop() != null;
    return new CellSummary(
        open ? key.withNumRequests(recorded()) : key,
        successful,
        failed,
        unfinished,
        wallSeconds,
        phases,
        successful / wall,
        effective,
        pids.size(),
        sessions.size(),
        hosts.count(),
        PeakConcurrency.of(stepStartsMicros, stepEndsMicros, intervals),
        openRate,
        new TreeMap<>(errors),
        new TreeMap<>(errorExamples),
        load,
        incomplete,
        ServerSide.NONE,
        AbandonedSlots.NONE,
        hosts.source(),
        episodesDone,
        open ? new ArrivalCounts(scheduled, late, dropped) : null);
  }
}
