package dev.openenvbench.loadgen;

import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.SessionRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Which cell a run does next. A sweep's schedule is its grid, fixed before the first cell; a search
 * ({@code capacity}) chooses each cell from the ones before, and its cells are recorded exactly as
 * a sweep's (same rows, files and manifest). Called on the run's thread between cells, except
 * {@link #onSession}.
 */
public interface CellSchedule {
  /**
   * @param targets the run's servers (a local server's URL once it is up)
   * @param done the cells finished so far, in order (an aborted one last, incomplete)
   * @return the next cell, or null when the run is over
   */
  CellPlan next(List<Target> targets, List<CellSummary> done);

  /**
   * Every session row as it is written to {@code raw.jsonl}, for a schedule that needs more than
   * the summaries (the counts a server put in its CAPACITY_REACHED). Called on the recorder thread.
   */
  default void onSession(SessionRecord r) {}

  /** Whether the run prints each cell's console table (a search prints its own lines). */
  default boolean printsCells() {
    return true;
  }

  /**
   * Options of the schedule itself, added to the run manifest's configuration (a search's criteria
   * and bounds); empty for a grid, whose options are all in the {@link RunConfig}.
   */
  default java.util.Map<String, Object> describe() {
    return java.util.Map.of();
  }

  /** The grid of {@code cfg}, less the cells a {@code --resume} found completed. */
  static CellSchedule grid(RunConfig cfg, Resume resume) {
    return new CellSchedule() {
      private List<CellPlan> cells;

      @Override
      public CellPlan next(List<Target> targets, List<CellSummary> done) {
        if (cells == null) {
          cells = new ArrayList<>(cfg.cells(targets));
          cells.removeIf(resume::completed);
        }
        return cells.isEmpty() ? null : cells.removeFirst();
      }
    };
  }
}
