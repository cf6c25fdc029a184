package dev.openenvbench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One cell put back together from the rows of its segments, exactly: the one fold behind {@code run
 * --processes} (its children's shards) and {@code openenv-bench merge} (segments run on several
 * machines). Every segment row is re-labelled with the merged cell's run and cell id, moved onto
 * the merged cell's clock, appended to the merged raw.jsonl and folded into one {@link
 * CellAccumulator}: the same histograms, counts, sets of pids, sessions and hosts, and step
 * intervals (so peak concurrency) that one process recording every session would have had. The
 * segments' own harness load adds up ({@link #load}).
 *
 * <p>Times: a segment row's offsets count from its own segment's cell start; {@link #add} is told
 * how much later than the merged cell's start (the earliest segment's) that was, and adds it, so
 * that offsets, wall time and overlaps are those of one timeline. Not thread-safe.
 */
public final class CellMerge {
  private final CellKey key;
  private final RawJsonlWriter raw;
  private final CellAccumulator acc;
  private final List<SummaryRecord> segmentRows = new ArrayList<>();
  private double wallSeconds;
  private int rows;

  /** The merged cell with its histograms and the server pids of its successful sessions. */
  public record Result(CellSummary summary, PhaseHistograms histograms, Set<Long> pids) {}

  /**
   * @param key the merged cell: its run and cell id are written on every row
   * @param raw where the merged rows go
   */
  public CellMerge(CellKey key, RawJsonlWriter raw) {
    this.key = key;
    this.raw = raw;
    this.acc = new CellAccumulator(key);
  }

  /**
   * Folds in one segment row.
   *
   * @param shiftSeconds its segment's cell start less the merged cell's start (≥ 0)
   */
  public void add(SessionRecord segmentRow, double shiftSeconds) {
    SessionRecord r = onMergedClock(segmentRow, shiftSeconds);
    raw.write(r);
    acc.add(r);
    rows++;
    Double start = r.get(RawFields.START_OFFSET);
    Double total = r.get(RawFields.TOTAL_LATENCY);
    if (start != null && total != null) wallSeconds = Math.max(wallSeconds, start + total);
  }

  /** Folds in a segment's summary row of this cell: its harness load, an open-loop schedule. */
  public void addSummary(SummaryRecord segmentRow) {
    segmentRows.add(segmentRow);
  }

  /** Segment rows folded in so far. */
  public int rows() {
    return rows;
  }

  /** Arrivals an open-loop cell's segments dropped (never started, so no row), in all. */
  public int dropped() {
    return sum(SummaryColumns.SESSIONS_DROPPED);
  }

  /** The sessions an open-loop cell's segments started, in all (scheduled less dropped). */
  public int arrivalsStarted() {
    return sum(SummaryColumns.SESSIONS_SCHEDULED) - dropped();
  }

  /**
   * The merged row: wall time from the merged start to the last session's end over all segments.
   *
   * @param incomplete whether a segment is missing or was cut short
   */
  public Result finish(boolean incomplete) {
    if (key.openLoop() != null) {
      acc.scheduleEnded(sum(SummaryColumns.SESSIONS_SCHEDULED), dropped());
    }
    CellSummary s = acc.summarize(wallSeconds, load(segmentRows), incomplete);
    return new Result(s, acc.histograms(), acc.pids());
  }

  private int sum(Field<Integer> f) {
    int n = 0;
    for (SummaryRecord r : segmentRows) {
      Integer v = r.get(f);
      n += v == null ? 0 : v;
    }
    return n;
  }

  private SessionRecord onMergedClock(SessionRecord r, double shift) {
    SessionRecord.Builder b =
        r.toBuilder()
            .set(RawFields.RUN_ID, key.runId())
            .set(RawFields.CELL_ID, key.cellId())
            // A segment run for one cell of this run (--srun-tasks) numbers its cell 1.
            .set(RawFields.REPETITION, key.repetition());
    if (shift != 0) {
      for (Field<Double> f :
          List.of(
              RawFields.START_OFFSET,
              RawFields.STEP_START_OFFSET,
              RawFields.STEP_END_OFFSET,
              RawFields.INTENDED_START_OFFSET)) {
        Double v = r.get(f);
        if (v != null) b.set(f, v + shift);
      }
    }
    return b.build();
  }

  /** The segments' own load: CPU and GC add up, peaks take the maximum, any saturation counts. */
  public static HarnessLoad load(List<SummaryRecord> rows) {
    double cpu = 0, cpuMax = 0, lag = 0, gc = 0;
    long fds = 0;
    boolean saturated = false;
    for (SummaryRecord r : rows) {
      cpu += zeroIfUnknown(r.number(SummaryColumns.HARNESS_CPU_SECONDS));
      cpuMax = Math.max(cpuMax, zeroIfUnknown(r.number(SummaryColumns.HARNESS_CPU_MAX)));
      lag = Math.max(lag, zeroIfUnknown(r.number(SummaryColumns.HARNESS_LOOP_LAG_MAX_MS)));
      gc += zeroIfUnknown(r.number(SummaryColumns.HARNESS_GC_PAUSE_MS));
      Long f = r.get(SummaryColumns.HARNESS_OPEN_FDS_MAX);
      fds = Math.max(fds, f == null ? 0 : f);
      saturated |= r.flag(SummaryColumns.HARNESS_SATURATED);
    }
    return new HarnessLoad(cpu, cpuMax, lag, gc, fds, saturated);
  }

  private static double zeroIfUnknown(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
