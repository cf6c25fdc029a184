package dev.openenvbench.report;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What the report needs from {@code raw.jsonl}, aggregated while streaming (a run may hold millions
 * of sessions): step overhead per cell and per mode, and successful sessions per host and per
 * process. Overhead histograms hold microseconds.
 *
 * <p>Not thread-safe: filled by one reader, then only read.
 */
public final class RawStats {
  private final Map<CellKey, Histogram> overheadByCell = new TreeMap<>(CellKey.ORDER);
  private final Map<String, Histogram> overheadByMode = new TreeMap<>();
  private final Map<String, Long> sessionsPerHost = new TreeMap<>();
  private final Map<String, Long> sessionsPerPid = new TreeMap<>();
  private long sessions;

  /** Records one successful session; {@code overheadSeconds} may be NaN when unknown. */
  void recordSuccess(CellKey cell, double overheadSeconds, String host, String pid) {
    sessions++;
    if (host != null) {
      sessionsPerHost.merge(host, 1L, Long::sum);
    }
    if (pid != null) {
      sessionsPerPid.merge((host == null ? "" : host + "/") + pid, 1L, Long::sum);
    }
    if (!Double.isNaN(overheadSeconds)) {
      long micros = Math.max(0, Math.round(overheadSeconds * 1e6));
      overheadByMode.computeIfAbsent(cell.mode(), m -> new Histogram(3)).recordValue(micros);
      if (cell.numRequests() > 0) {
        overheadByCell.computeIfAbsent(cell, c -> new Histogram(3)).recordValue(micros);
      }
    }
  }

  public long successfulSessions() {
    return sessions;
  }

  /** Step overhead p-th percentile in seconds for one cell, if raw data had it. */
  public Optional<Double> overheadPercentileSeconds(CellKey cell, double percentile) {
    return Optional.ofNullable(overheadByCell.get(cell))
        .map(h -> h.getValueAtPercentile(percentile) / 1e6);
  }

  /** Pooled step overhead histograms (microseconds) keyed by mode. */
  public Map<String, Histogram> overheadByMode() {
    return overheadByMode;
  }

  /** Successful sessions per {@code host_url}. */
  public Map<String, Long> sessionsPerHost() {
    return sessionsPerHost;
  }

  /** Successful sessions per process, keyed {@code host/pid} (pids repeat across hosts). */
  public Map<String, Long> sessionsPerPid() {
    return sessionsPerPid;
  }
}
