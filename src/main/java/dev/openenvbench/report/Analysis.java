package dev.openenvbench.report;

import dev.openenvbench.results.Configuration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the tables and figures are drawn from: loaded results, cells, max batches.
 *
 * @param inputNotes what reading the folders skipped or repaired (a torn last line), shown in the
 *     report so that a reader of the HTML alone learns of it too
 */
public record Analysis(
    ReportConfig config,
    List<InfraResults> infras,
    Map<String, List<Cell>> cells,
    List<MaxBatch> maxBatches,
    List<String> inputNotes) {

  public static Analysis of(List<InfraResults> infras, ReportConfig config) {
    return of(infras, config, List.of());
  }

  public static Analysis of(
      List<InfraResults> infras, ReportConfig config, List<String> inputNotes) {
    Map<String, List<Cell>> cells = Cells.of(infras, config);
    return new Analysis(config, infras, cells, MaxBatchFinder.find(cells), List.copyOf(inputNotes));
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

  /** The session shapes present ({@link Cell#session()}), the seed's one step first. */
  public List<String> sessions() {
    return cells.values().stream()
        .flatMap(List::stream)
        .map(Cell::config)
        .sorted(
            Comparator.comparingInt(Configuration::steps)
                .thenComparing(Configuration::barrier)
                .thenComparingDouble(Configuration::rampSeconds))
        .map(Configuration::session)
        .distinct()
        .toList();
  }

  /**
   * A series or panel name for a mode and session shape: the mode alone when every configuration
   * has the same shape, so the seed's sweeps read as before.
   */
  public String line(String mode, String session) {
    return sessions().size() > 1 ? mode + " (" + session + ")" : mode;
  }

  /** Whether any infrastructure ran this mode with this session shape. */
  public boolean ran(String mode, String session) {
    return maxBatches.stream().anyMatch(m -> m.mode().equals(mode) && m.session().equals(session));
  }

  public Optional<MaxBatch> maxBatch(
      String infra, String mode, String session, double waitSeconds) {
    return maxBatches.stream()
        .filter(
            m ->
                m.infra().equals(infra)
                    && m.mode().equals(mode)
                    && m.session().equals(session)
                    && m.waitSeconds() == waitSeconds)
        .findFirst();
  }
}
