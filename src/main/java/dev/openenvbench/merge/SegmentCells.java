package dev.openenvbench.merge;

import dev.openenvbench.results.FileRead;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.ResultFolder;
import dev.openenvbench.results.SessionRecord;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one segment folder holds of each cell of a run, from a first read of its files: its summary
 * row (none when the segment was killed mid-cell), how many rows, one of them (for the cell's
 * identity when no segment wrote a summary row), and when its share of the cell started on the
 * reference clock. The second read ({@link MergeService}) folds the rows in.
 */
final class SegmentCells {
  /** One cell of one segment. */
  static final class Cell {
    SummaryRecord summary;
    SessionRecord sample;
    int rows;

    /** The segment's cell start, reference clock; null when no row says it. */
    Instant start;
  }

  private final Map<String, Cell> cells = new LinkedHashMap<>();

  Map<String, Cell> cells() {
    return cells;
  }

  Cell cell(String cellId) {
    return cells.get(cellId);
  }

  /**
   * @param clockOffsetSeconds the segment host's wall clock minus the reference clock, or null
   * @param notices what the readers skipped (a torn last line), one sentence each
   */
  static SegmentCells read(
      Path dir, String runId, Double clockOffsetSeconds, Consumer<String> notices) {
    SegmentCells s = new SegmentCells();
    Path raw = dir.resolve(ResultFolder.RAW);
    if (Files.exists(raw)) {
      FileRead read =
          RawJsonlReader.forEach(
              raw,
              r -> {
                if (runId.equals(r.get(RawFields.RUN_ID))) s.row(r, clockOffsetSeconds);
              });
      read.notice().ifPresent(n -> notices.accept(n + "; the merge goes on without that line"));
    }
    Path csv = dir.resolve(ResultFolder.SUMMARY);
    if (Files.exists(csv)) {
      SummaryCsvReader.Read read = SummaryCsvReader.read(csv);
      read.file().notice().ifPresent(notices);
      for (SummaryRecord r : read.rows()) {
        if (runId.equals(r.get(SummaryColumns.RUN_ID))) {
          s.cells.computeIfAbsent(r.get(SummaryColumns.CELL_ID), k -> new Cell()).summary = r;
        }
      }
    }
    return s;
  }

  private void row(SessionRecord r, Double clockOffsetSeconds) {
    Cell c = cells.computeIfAbsent(r.get(RawFields.CELL_ID), k -> new Cell());
    c.rows++;
    if (c.sample == null) c.sample = r;
    Instant start = cellStart(r, clockOffsetSeconds);
    // Each row's timestamp is truncated to the microsecond: the latest estimate is the closest.
    if (start != null && (c.start == null || start.isAfter(c.start))) c.start = start;
  }

  /** The row's cell start: its start time less its offset, less its host's clock offset. */
  static Instant cellStart(SessionRecord r, Double clockOffsetSeconds) {
    String timestamp = r.get(RawFields.TIMESTAMP);
    Double offset = r.get(RawFields.START_OFFSET);
    if (timestamp == null || offset == null) return null;
    double behind = offset + (clockOffsetSeconds == null ? 0 : clockOffsetSeconds);
    try {
      return Instant.parse(timestamp).minusNanos(Math.round(behind * 1e9));
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
