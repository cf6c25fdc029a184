package dev.openenvbench.results;

import static dev.openenvbench.results.Field.Role.LABEL;
import static dev.openenvbench.results.Field.Role.MEASURE;
import static dev.openenvbench.results.Field.Role.SETTING;

import java.util.List;

/**
 * The schema of {@code timeseries.csv}: what happened inside each cell, one row per second of it,
 * columns in this order. Sessions count in the second they started, in the second their row was
 * written to raw.jsonl (finished, failed or declared unfinished: within milliseconds of their end),
 * steps in the second their reply arrived. The one declaration of the file: {@link TimeSeriesFile}
 * writes and reads it, docs/formats.md and the machine-readable schema follow it. New in format 4.
 */
public final class TimeSeriesColumns {
  static final Schema SCHEMA = new Schema("timeseries.csv");
  private static final int V4 = FormatVersion.CURRENT;

  public static final Field<String> RUN_ID =
      add("run_id", Kind.TEXT, "", LABEL, "the run (runs/<run_id>/manifest.json)");
  public static final Field<String> CELL_ID =
      add("cell_id", Kind.TEXT, "", LABEL, "the cell: its summary.csv row and raw.jsonl sessions");
  public static final Field<String> MODE = add("mode", Kind.TEXT, "", SETTING, "ws or http");
  public static final Field<Integer> SECOND =
      add(
          "second",
          Kind.INT,
          "s",
          LABEL,
          "this row covers [second, second + 1) s after the cell's start; a cell's last row may"
              + " cover less");
  public static final Field<String> TIMESTAMP =
      add("timestamp", Kind.TEXT, "", LABEL, "ISO-8601 UTC start of that second");
  public static final Field<Integer> STARTED =
      add("started", Kind.INT, "count", MEASURE, "sessions started in the second");
  public static final Field<Integer> FINISHED =
      add(
          "finished",
          Kind.INT,
          "count",
          MEASURE,
          "sessions whose row was written in the second, successful or not");
  public static final Field<Integer> FAILED =
      add("failed", Kind.INT, "count", MEASURE, "of those, the ones that did not succeed");
  public static final Field<String> FAILURES =
      add(
          "failures",
          Kind.TEXT,
          "",
          MEASURE,
          "those failures per cause, as summary.csv's errors: error_type or"
              + " error_type:error_code, =count, joined with ;");
  public static final Field<Integer> IN_FLIGHT =
      add(
          "in_flight",
          Kind.INT,
          "count",
          MEASURE,
          "sessions started and not yet finished at the end of the second");
  public static final Field<Integer> STEPS =
      add("steps", Kind.INT, "count", MEASURE, "step replies received in the second");
  public static final Field<Double> STEP_P50 =
      add("step_p50", Kind.FLOAT, "s", MEASURE, "round trip of those steps, median");
  public static final Field<Double> STEP_P90 =
      add("step_p90", Kind.FLOAT, "s", MEASURE, "the same, 90th percentile");
  public static final Field<Double> STEP_P99 =
      add("step_p99", Kind.FLOAT, "s", MEASURE, "the same, 99th percentile");
  public static final Field<Double> STEP_MAX =
      add("step_max", Kind.FLOAT, "s", MEASURE, "the same, slowest");
  public static final Field<Integer> FORMAT_VERSION =
      add("format_version", Kind.INT, "", LABEL, "the layout version of this row");

  /** Every column, in file order. */
  public static final List<Field<?>> ALL = SCHEMA.fields();

  private TimeSeriesColumns() {}

  private static <T> Field<T> add(
      String name, Kind<T> kind, String unit, Field.Role role, String doc) {
    return SCHEMA.add(name, kind, unit, V4, role, doc, null);
  }
}
