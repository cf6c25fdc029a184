package dev.openenvbench.report;

import dev.openenvbench.results.SummaryRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One infrastructure's results: its label, the summary rows of its folder, the raw-data aggregates
 * when the folder has a {@code raw.jsonl}, and its core count when given.
 */
public record InfraResults(
    String label, List<SummaryRecord> rows, Optional<RawStats> raw, OptionalInt cores) {}
