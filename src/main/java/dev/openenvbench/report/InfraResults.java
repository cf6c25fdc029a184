package dev.openenvbench.report;

import dev.openenvbench.results.CapacityFile;
import dev.openenvbench.results.SummaryRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One infrastructure's results: its label, the summary rows of its folder, the raw-data aggregates
 * when the folder has a {@code raw.jsonl}, its core count when given, and the answers of its {@code
 * capacity.json} when it has one.
 */
public record InfraResults(
    String label,
    List<SummaryRecord> rows,
    Optional<RawStats> raw,
    OptionalInt cores,
    List<CapacityFile.Answer> capacities) {

  public InfraResults {
    capacities = List.copyOf(capacities);
  }

  /** A folder without capacity searches. */
  public InfraResults(
      String label, List<SummaryRecord> rows, Optional<RawStats> raw, OptionalInt cores) {
    this(label, rows, raw, cores, List.of());
  }
}
