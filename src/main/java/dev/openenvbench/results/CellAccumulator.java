package dev.openenvbench.results;

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
  private final CellKey key;
  private final PhaseHistograms histograms = new PhaseHistograms();
  private final Set<Long> pids = new HashSet<>();
  private final Set<String> sessions = new HashSet<>();
  private final Set<String> hosts = new HashSet<>();
  private final TreeMap<String, Integer> errors = new TreeMap<>();
  private final TreeMap<String, String> errorExamples = new TreeMap<>();
  private long[] stepStartsMicros = new long[64];
  private long[] stepEndsMicros = new long[64];
  private int intervals;
  private int successful;
  private int failed;
  private int connected;
  private double lastConnectedOffset;

  public CellAccumulator(CellKey key) {
    this.key = key;
  }

  public synchronized void add(SessionRecord r) {
    if (r.connectLatency() != null) {
      connected++;
      lastConnectedOffset = Math.max(lastConnectedOffset, r.startOffset() + r.connectLatency());
    }
    if (!r.success()) {
      failed++;
      String cause = r.errorCode() == null ? r.errorType() : r.errorType() + ":" + r.errorCode();
      errors.merge(cause, 1, Integer::sum);
      errorExamples.putIfAbsent(cause, String.valueOf(r.errorMessage()));
      return;
    }
    successful++;
    recordPhases(r);
    if (r.pid() != null) pids.add(r.pid());
    if (r.sessionHash() != null) sessions.add(r.sessionHash());
    if (r.hostUrl() != null) hosts.add(r.hostUrl());
    if (r.stepStartOffset() != null && r.stepEndOffset() != null) {
      addInterval(micros(r.stepStartOffset()), micros(r.stepEndOffset()));
    }
  }

  private void recordPhases(SessionRecord r) {
    record(Phase.CONNECT, r.connectLatency());
    record(Phase.TCP_CONNECT, r.tcpConnectLatency());
    record(Phase.WS_UPGRADE, r.wsUpgradeLatency());
    record(Phase.RESET, r.resetLatency());
    record(Phase.STEP, r.stepLatency());
    record(Phase.STEP_OVERHEAD, r.stepOverhead());
    record(Phase.CLOSE, r.closeLatency());
    record(Phase.TOTAL, r.totalLatency());
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

  public synchronized int finished() {
    return successful + failed;
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
    double effective = key.numRequests() * key.waitSeconds() * key.steps() / wall;
    double openRate = lastConnectedOffset > 0 ? connected / lastConnectedOffset : 0;
    return new CellSummary(
        key,
        successful,
        failed,
        wallSeconds,
        phases,
        successful / wall,
        effective,
        pids.size(),
        sessions.size(),
        hosts.size(),
        PeakConcurrency.of(stepStartsMicros, stepEndsMicros, intervals),
        openRate,
        new TreeMap<>(errors),
        new TreeMap<>(errorExamples),
        load,
        incomplete);
  }
}
