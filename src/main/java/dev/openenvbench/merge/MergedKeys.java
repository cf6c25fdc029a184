package dev.openenvbench.merge;

import dev.openenvbench.results.CellKey;
import dev.openenvbench.results.Configuration;
import dev.openenvbench.results.OpenLoop;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.SessionRecord;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The identity of a merged cell: its {@link CellKey}, from a segment's summary row (or, when every
 * segment was killed before writing one, from a segment's session row), and the check that every
 * segment ran the same cell under that cell id (same configuration and repetition).
 */
final class MergedKeys {
  private MergedKeys() {}

  /** What a segment says the cell was: configuration and repetition. */
  static String identity(SegmentCells.Cell c) {
    if (c.summary != null) {
      return describe(c.summary.configuration(), c.summary.get(SummaryColumns.REPETITION));
    }
    return describe(Configuration.of(c.sample), c.sample.get(RawFields.REPETITION));
  }

  private static String describe(Configuration c, Integer repetition) {
    String load = c.openLoop() ? c.arrivalRate() + "/s" : "N=" + c.numRequests();
    return String.format(
        Locale.ROOT,
        "%s %s wait %s s (%s) rep %d",
        c.mode(),
        load,
        c.waitSeconds(),
        c.session(),
        repetition == null ? 1 : repetition);
  }

  /**
   * Refuses segments that ran different cells under one cell id.
   *
   * @param labels each segment's folder, for the message
   */
  static void check(String cellId, List<SegmentCells.Cell> cells, List<String> labels) {
    String first = null;
    String firstLabel = null;
    for (int i = 0; i < cells.size(); i++) {
      SegmentCells.Cell c = cells.get(i);
      if (c == null || (c.summary == null && c.sample == null)) continue;
      String id = identity(c);
      if (first == null) {
        first = id;
        firstLabel = labels.get(i);
      } else if (!first.equals(id)) {
        throw new IllegalArgumentException(
            "segments differ in cell "
                + cellId
                + ": "
                + first
                + " in "
                + firstLabel
                + " vs "
                + id
                + " in "
                + labels.get(i));
      }
    }
  }

  /** The merged cell's key, started at {@code start} (the earliest segment's start). */
  static CellKey of(String runId, String cellId, SegmentCells.Cell c, Instant start) {
    String timestamp = start == null ? null : start.truncatedTo(ChronoUnit.SECONDS).toString();
    if (c.summary != null) {
      SummaryRecord r = c.summary;
      return new CellKey(
          runId,
          cellId,
          r.mode(),
          r.get(SummaryColumns.URL),
          r.numRequests(),
          r.get(SummaryColumns.WAIT_SECONDS),
          r.get(SummaryColumns.REPETITION),
          timestamp != null ? timestamp : r.get(SummaryColumns.TIMESTAMP),
          r.get(SummaryColumns.HARDWARE),
          r.get(SummaryColumns.STEPS),
          r.get(SummaryColumns.BARRIER),
          r.get(SummaryColumns.RAMP_SECONDS),
          openLoop(r));
    }
    SessionRecord s = c.sample;
    Double rate = s.get(RawFields.ARRIVAL_RATE);
    return new CellKey(
        runId,
        cellId,
        s.get(RawFields.MODE).toLowerCase(Locale.ROOT),
        s.get(RawFields.URL),
        s.get(RawFields.BATCH_SIZE),
        s.get(RawFields.WAIT_REQUESTED),
        s.get(RawFields.REPETITION),
        timestamp != null ? timestamp : s.get(RawFields.TIMESTAMP),
        s.get(RawFields.HARDWARE),
        s.get(RawFields.STEPS),
        s.get(RawFields.BARRIER),
        s.get(RawFields.RAMP_SECONDS),
        // Only the rate is in a session row; the row's other open-loop columns stay unknown.
        rate == null ? null : new OpenLoop(rate, Double.NaN, false, 0, 0));
  }

  /** The open-loop settings a summary row records (the schedule's seed is only in the manifest). */
  private static OpenLoop openLoop(SummaryRecord r) {
    Double rate = r.get(SummaryColumns.ARRIVAL_RATE);
    if (rate == null) return null;
    Double seconds = r.get(SummaryColumns.ARRIVAL_SECONDS);
    Integer inFlight = r.get(SummaryColumns.MAX_IN_FLIGHT);
    return new OpenLoop(
        rate,
        seconds == null ? Double.NaN : seconds,
        "poisson".equals(r.get(SummaryColumns.ARRIVAL_PROCESS)),
        0,
        inFlight == null ? 0 : inFlight);
  }
}
