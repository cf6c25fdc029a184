package dev.openenvbench.merge;

import dev.openenvbench.results.CellAccumulator;
import dev.openenvbench.results.CellKey;
import dev.openenvbench.results.FormatVersion;
import dev.openenvbench.results.HarnessLoad;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.RawJsonlWriter;
import dev.openenvbench.results.RunManifest;
import dev.openenvbench.results.SessionRecord;
import dev.openenvbench.results.SummaryCsvWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes segment folders as {@code run --segment} writes them (raw.jsonl, summary.csv, a manifest
 * with its {@code segment}) from synthetic sessions, with the project's own writers, so that merge
 * tests can cut a cell into any segmentation, skew its starts, or leave a segment's row out.
 */
final class SegmentFixture {
  static final String RUN = "r1";
  static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  private SegmentFixture() {}

  /** A run's configuration; {@code extra} overrides or adds keys. */
  static Map<String, Object> configuration(Object... extra) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("modes", List.of("ws"));
    c.put("requests_grid", List.of(10));
    c.put("reps", 1);
    c.put("output_dir", "somewhere");
    for (int i = 0; i < extra.length; i += 2) c.put((String) extra[i], extra[i + 1]);
    return c;
  }

  static CellKey key(String runId, int cell, int n, Instant start) {
    return new CellKey(
        runId,
        runId + "-c" + cell,
        "ws",
        "http://lb:8000",
        n,
        0.1,
        1,
        start.toString(),
        "test",
        1,
        false,
        0,
        null);
  }

  /**
   * A session of a cell whose segment started {@code segStartMicros} after {@link #T0}, that
   * started {@code startMicros} after T0 (so its offset is the difference).
   */
  static SessionRecord session(
      Random rnd, String cellId, int n, int requestId, long segStartMicros, long startMicros) {
    return session(rnd, rnd.nextInt(10) > 0, cellId, n, requestId, segStartMicros, startMicros);
  }

  /** The same, succeeded or failed ({@code CAPACITY_REACHED}) as {@code ok} says. */
  static SessionRecord session(
      Random rnd,
      boolean ok,
      String cellId,
      int n,
      int requestId,
      long segStartMicros,
      long startMicros) {
    double connect = micros(1 + rnd.nextInt(50_000));
    double reset = micros(1 + rnd.nextInt(5_000));
    double step = micros(100_000 + rnd.nextInt(200_000));
    double close = micros(1 + rnd.nextInt(2_000));
    double offset = micros(startMicros - segStartMicros);
    double stepStart = offset + connect + reset;
    double total = connect + reset + step + close;
    SessionRecord.Builder b =
        SessionRecord.builder()
            .set(RawFields.REQUEST_ID, requestId)
            .set(RawFields.MODE, "ws")
            .set(RawFields.TIMESTAMP, T0.plusNanos(startMicros * 1000).toString())
            .set(RawFields.WAIT_REQUESTED, 0.1)
            .set(RawFields.BATCH_SIZE, n)
            .set(RawFields.HARDWARE, "test")
            .set(RawFields.CONNECT_LATENCY, connect)
            .set(RawFields.TOTAL_LATENCY, ok ? total : connect)
            .set(RawFields.SUCCESS, ok)
            .set(RawFields.URL, "http://lb:8000")
            .set(RawFields.START_OFFSET, offset)
            .set(RawFields.RUN_ID, RUN)
            .set(RawFields.CELL_ID, cellId);
    if (!ok) {
      return b.set(RawFields.ERROR_TYPE, "openenv_error")
          .set(RawFields.ERROR_CODE, "CAPACITY_REACHED")
          .set(RawFields.ERROR_MESSAGE, "full")
          .build();
    }
    return b.set(RawFields.RESET_LATENCY, reset)
        .set(RawFields.STEP_LATENCY, step)
        .set(RawFields.STEP_OVERHEAD, step - 0.1)
        .set(RawFields.CLOSE_LATENCY, close)
        .set(RawFields.PID, 100L + rnd.nextInt(4))
        .set(RawFields.SESSION_HASH, "s" + requestId + "-" + rnd.nextInt(1_000_000))
        .set(RawFields.HOST_URL, "node" + rnd.nextInt(2) + ":8000")
        .set(RawFields.STEPS_COMPLETED, 1)
        .set(RawFields.STEP_START_OFFSET, stepStart)
        .set(RawFields.STEP_END_OFFSET, stepStart + step)
        .build();
  }

  static double micros(long us) {
    return us / 1e6;
  }

  /**
   * Appends one cell of a segment: its rows, and (when {@code summary}) its summary row, built from
   * its own rows as a segment's harness builds it.
   */
  static void cell(
      Path dir, CellKey key, List<SessionRecord> rows, boolean summary, HarnessLoad load) {
    CellAccumulator acc = new CellAccumulator(key);
    double wall = 0;
    try (RawJsonlWriter raw = new RawJsonlWriter(dir.resolve("raw.jsonl"))) {
      for (SessionRecord r : rows) {
        raw.write(r);
        acc.add(r);
        wall = Math.max(wall, r.get(RawFields.START_OFFSET) + r.get(RawFields.TOTAL_LATENCY));
      }
    }
    // An open-loop segment scheduled the arrivals it started (none dropped).
    if (key.openLoop() != null) acc.scheduleEnded(rows.size(), 0);
    if (summary) {
      new SummaryCsvWriter(dir.resolve("summary.csv")).append(acc.summarize(wall, load, false));
    }
  }

  static HarnessLoad load(double cpuSeconds, boolean saturated) {
    return new HarnessLoad(cpuSeconds, 0.2, 3, 1, 40, saturated);
  }

  /** The segment's manifest, as {@code run --segment} writes it when it ends. */
  static void manifest(
      Path dir, String runId, int index, int count, Map<String, Object> configuration) {
    new RunManifest(
            FormatVersion.CURRENT,
            runId,
            T0.toString(),
            T0.plusSeconds(60).toString(),
            "completed",
            RunManifest.Tool.current(),
            configuration,
            List.of(),
            null,
            new RunManifest.SegmentOf(index, count, "node-" + index, null, null),
            null)
        .write(dir);
  }
}
