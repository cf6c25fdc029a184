package dev.openenvbench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the tables and figures are drawn from: loaded results, cells, max batches. */
public record Analysis(
    ReportConfig config,
    List<InfraResults> infras,
    Map<String, List<Cell>> cells,
    List<MaxBatch> maxBatches) {

  public static Analysis of(List<InfraResults> infras, ReportConfig config) {
    Map<String, List<Cell>> cells = Cells.of(infras, config);
    return new Analysis(config, infras, cells, MaxBatchFinder.find(cells));
  }

  /** The waits in the sweep, ascending, over all infrastructures. */
  public List<Double> waits() {
    return cells.values().stream()
        .flatMap(List::stream)
        .map(Cell::waitSeconds)
        .distinct()
        .sorted()
        .toList();
  }

  /** The modes present, "ws" before "http" when both are. */
  public List<String> modes() {
    return cells.values().stream()
        .flatMap(List::stream)
        .map(Cell::mode)
        .distinct()
        .sorted((a, b) -> b.compareTo(a))
        .toList();
  }

  /** The Ns in the sweep, ascending, over all infrastructures. */
  public List<Integer> ns() {
    return cells.values().stream().flatMap(List::stream).map(Cell::n).distinct().sorted().toList();
  }

  public Optional<MaxBatch> maxBatch(String infra, String mode, double waitSeconds) {
    return maxBatches.stream()
        .filter(
            m -> m.infra().equals(infra) && m.mode().equals(mode) && m.waitSeconds() == waitSeconds)
        .findFirst();
  }
}
