package dev.openenvbench.capacity;

import static dev.openenvbench.results.CapacityFile.BRACKET;
import static dev.openenvbench.results.CapacityFile.CAPACITY;
import static dev.openenvbench.results.CapacityFile.CONFIRMED;
import static dev.openenvbench.results.CapacityFile.CRITERIA;
import static dev.openenvbench.results.CapacityFile.FAIL;
import static dev.openenvbench.results.CapacityFile.FORMAT_VERSION_KEY;
import static dev.openenvbench.results.CapacityFile.KIND;
import static dev.openenvbench.results.CapacityFile.LIMITING_FACTOR;
import static dev.openenvbench.results.CapacityFile.LOWER_BOUND;
import static dev.openenvbench.results.CapacityFile.MODE;
import static dev.openenvbench.results.CapacityFile.PASS;
import static dev.openenvbench.results.CapacityFile.RESOLVED;
import static dev.openenvbench.results.CapacityFile.RUN_ID;
import static dev.openenvbench.results.CapacityFile.SEARCHES;
import static dev.openenvbench.results.CapacityFile.STOPPED;
import static dev.openenvbench.results.CapacityFile.TEXT;
import static dev.openenvbench.results.CapacityFile.WAIT_SECONDS;

import dev.openenvbench.results.AtomicFile;
import dev.openenvbench.results.CapacityFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code capacity.json} (docs/formats.md, "capacity.json"): the answers of one {@code
 * capacity} command, next to its run's raw.jsonl and summary.csv. Replaced whole (written to a
 * temporary file, then moved), so a reader never sees half of it. The keys {@code report} reads,
 * and the file's name and version, are {@link CapacityFile}'s (one place for the format). Numbers
 * in seconds; a value that was not measured (no successful session) is null.
 */
public final class CapacityJson {
  public static final String FILE = CapacityFile.FILE;

  private CapacityJson() {}

  /**
   * @param stopped why the run was aborted (e.g. {@code interrupted}), or null when it ended
   */
  static Path write(
      Path dir,
      String runId,
      Map<String, Object> criteria,
      String stopped,
      List<CapacityResult> results) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put(FORMAT_VERSION_KEY, CapacityFile.FORMAT_VERSION);
    root.put(RUN_ID, runId);
    root.put("written", Instant.now().toString());
    root.put(STOPPED, stopped);
    root.put(CRITERIA, criteria);
    root.put(SEARCHES, results.stream().map(CapacityJson::search).toList());
    String text =
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    return AtomicFile.write(dir.resolve(FILE), text + "\n");
  }

  private static Map<String, Object> search(CapacityResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(MODE, r.mode());
    m.put(WAIT_SECONDS, r.waitSeconds());
    m.put(CAPACITY, r.capacity());
    Map<String, Object> bracket = new LinkedHashMap<>();
    bracket.put(PASS, r.capacity() == 0 ? null : r.capacity());
    bracket.put(FAIL, r.failAt() == 0 ? null : r.failAt());
    bracket.put(RESOLVED, r.resolved());
    m.put(BRACKET, bracket);
    m.put("ended_on", r.endedOn());
    Map<String, Object> limit = new LinkedHashMap<>();
    limit.put(KIND, r.limit().kind().label());
    limit.put("phase", r.limit().phase());
    limit.put(TEXT, r.limit().text());
    limit.put("evidence", clean(r.limit().evidence()));
    m.put(LIMITING_FACTOR, limit);
    m.put(LOWER_BOUND, r.lowerBound());
    m.put(CONFIRMED, r.confirmed());
    CapacityResult.Confidence c = r.confidence();
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put("capacity_runs", c.capacityRuns());
    conf.put("fail_runs", c.failRuns());
    conf.put("fail_runs_failed", c.failRunsFailed());
    conf.put("confirm_runs", c.confirmRuns());
    conf.put("confirm_passed", c.confirmPassed());
    m.put("confidence", conf);
    m.put("sentence", r.sentence());
    m.put("probes", r.probes().stream().map(CapacityJson::probe).toList());
    return m;
  }

  private static Map<String, Object> probe(Probe p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stage", p.stage().label());
    m.put("n", p.n());
    m.put("repetition", p.repetition());
    m.put("cell_id", p.cellId());
    m.put("passed", p.passed());
    m.put("ended_on", p.endedOn());
    m.put("failures", p.failures());
    m.put("success_rate", num(p.successRate()));
    m.put("total_p99", num(p.totalP99()));
    m.put("connect_p99", num(p.connectP99()));
    m.put("reset_p99", num(p.resetP99()));
    m.put("step_p99", num(p.stepP99()));
    m.put("step_overhead_p99", num(p.stepOverheadP99()));
    m.put("peak_concurrency", p.peakConcurrency());
    m.put("in_flight", num(p.inFlight()));
    m.put("concurrent", p.concurrent());
    m.put("harness_saturated", p.saturated());
    m.put("loop_lag_max_ms", num(p.loopLagMaxMs()));
    m.put("errors", p.errors());
    m.put("capacity_reached", p.capacityRefusals());
    m.put("server_max_sessions", p.serverMaxSessions() < 0 ? null : p.serverMaxSessions());
    m.put("server_active_sessions", p.serverActiveSessions() < 0 ? null : p.serverActiveSessions());
    m.put("server_processes", p.serverProcesses());
    m.put("wall_seconds", num(p.wallSeconds()));
    m.put("server_cpu_seconds", num(p.serverCpuSeconds()));
    m.put("server_cores_busy", num(p.serverCoresBusy()));
    m.put("server_cores", p.serverCores().count() == 0 ? null : p.serverCores().count());
    return m;
  }

  private static Map<String, Object> clean(Map<String, Object> evidence) {
    Map<String, Object> m = new LinkedHashMap<>();
    evidence.forEach((k, v) -> m.put(k, v instanceof Double d ? num(d) : v));
    return m;
  }

  /** JSON has no NaN: an unmeasured value is null. */
  private static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
