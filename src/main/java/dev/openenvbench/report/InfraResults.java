package dev.openenvbench.report;

import dev.openenvbench.results.CapacityFile;
import dev.openenvbench.results.SummaryRecord;
import dev.openenvbench.results.TimeSeriesRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One infrastructure's results: its label, the summary rows of its folder, the raw-data aggregates
 * when the folder has a {@code raw.jsonl}, its core count when given, the answers of its {@code
 * capacity.json} when it has one, and the per-second rows of its {@code timeseries.csv}.
 */
public record InfraResults(
    String label,
    List<SummaryRecord> rows,
    Optional<RawStats> raw,
    OptionalInt cores,
    List<CapacityFile.Answer> capacities,
    List<TimeSeriesRecord> timeSeries) {

  public InfraResults {
    capacities = List.copyOf(capacities);
    timeSeries = List.copyOf(timeSeries);
  }

  /** A folder without a time series. */
  public InfraResults(
      String label,
      List<SummaryRecord> rows,
      Optional<RawStats> raw,
      OptionalInt cores,
      List<CapacityFile.Answer> capacities) {
    this(label, rows, raw, cores, capacities, List.of());
  }

  /**
   * The rows of batch cells: everything the grid's tables, figures and max batches are drawn from.
   * An open-loop row's N is the sessions it started at a rate, not a batch size, so it is never
   * one.
   */
  public List<SummaryRecord> batchRows() {
    return rows.stream().filter(r -> !r.configuration().openLoop()).toList();
  }

  /** The rows of open-loop cells ({@code run --arrival-rate}), which get a table of their own. */
  public List<SummaryRecord> openLoopRows() {
    return rows.stream().filter(r -> r.configuration().openLoop()).toList();
  }

  /** A folder without capacity searches. */
  public InfraResults(
      String label, List<SummaryRecord> rows, Optional<RawStats> raw, OptionalInt cores) {
    this(label, rows, raw, cores, List.of());
  }
}
