package dev.openenvbench.report;

import dev.openenvbench.results.Configuration;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.SessionRecord;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What the report needs from {@code raw.jsonl}, aggregated while streaming (a run may hold millions
 * of sessions): step overhead per configuration and per mode, and successful sessions per host and
 * per process. Overhead is {@code step_overhead} when written, else step latency minus the
 * requested wait (the seed's files). Overhead histograms hold microseconds.
 *
 * <p>Not thread-safe: filled by one reader, then only read.
 */
public final class RawStats {
  private final Map<Configuration, Histogram> overheadByConfig = new TreeMap<>(Configuration.ORDER);
  private final Map<String, Histogram> overheadByMode = new TreeMap<>();
  private final Map<String, Long> sessionsPerHost = new TreeMap<>();
  private final Map<String, Long> sessionsPerPid = new TreeMap<>();
  private long sessions;

  /** Folds in one session; only successful ones count. */
  void add(SessionRecord r) {
    if (!r.success()) return;
    sessions++;
    String host = r.get(RawFields.HOST_URL);
    Long pid = r.get(RawFields.PID);
    if (host != null) {
      sessionsPerHost.merge(host, 1L, Long::sum);
    }
    if (pid != null) {
      sessionsPerPid.merge((host == null ? "" : host + "/") + pid, 1L, Long::sum);
    }
    Double overhead = overheadSeconds(r);
    if (overhead != null) {
      Configuration c = Configuration.of(r);
      long micros = Math.max(0, Math.round(overhead * 1e6));
      overheadByMode.computeIfAbsent(c.mode(), m -> new Histogram(3)).recordValue(micros);
      if (c.numRequests() > 0) {
        overheadByConfig.computeIfAbsent(c, k -> new Histogram(3)).recordValue(micros);
      }
    }
  }

  private static Double overheadSeconds(SessionRecord r) {
    Double written = r.get(RawFields.STEP_OVERHEAD);
    if (written != null) return written;
    Double step = r.get(RawFields.STEP_LATENCY);
    Double wait = r.get(RawFields.WAIT_REQUESTED);
    return step == null || wait == null ? null : step - wait;
  }

  public long successfulSessions() {
    return sessions;
  }

  /** Step overhead p-th percentile in seconds for one configuration, if raw data had it. */
  public Optional<Double> overheadPercentileSeconds(Configuration config, double percentile) {
    return Optional.ofNullable(overheadByConfig.get(config))
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
