package dev.openenvbench.merge;

import dev.openenvbench.results.CellMerge;
import dev.openenvbench.results.MergedFrom;
import dev.openenvbench.results.MergedFrom.Health;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.SummaryColumns;
import java.util.ArrayList;
import java.util.List;

/** How each segment fared in each cell, and the sentences that name the segments a cell lacks. */
final class SegmentHealth {
  private SegmentHealth() {}

  /** One segment's health in one cell: the first of {@link Health}'s values that applies. */
  static Health of(SegmentSet.SegmentFolder folder, SegmentCells.Cell c) {
    if (folder == null || c == null || (c.rows == 0 && c.summary == null)) return Health.MISSING;
    if (c.summary == null || c.summary.flag(SummaryColumns.INCOMPLETE)) return Health.INCOMPLETE;
    if (c.summary.flag(SummaryColumns.HARNESS_SATURATED)) return Health.SATURATED;
    Integer failed = c.summary.get(SummaryColumns.FAILED);
    return failed != null && failed > 0 ? Health.FAILED : Health.COMPLETE;
  }

  /**
   * A merged cell's entry: each segment's health and rows, and the sessions no segment recorded.
   * The cell is incomplete when a segment is missing or cut short, or sessions are lacking (a torn
   * last line).
   */
  static MergedFrom.Cell of(
      SegmentSet set, List<SegmentCells.Cell> cells, String cellId, CellMerge merge) {
    List<Health> health = new ArrayList<>();
    List<Integer> sessions = new ArrayList<>();
    int planned = 0;
    for (int i = 0; i < set.count(); i++) {
      SegmentCells.Cell c = cells.get(i);
      health.add(of(set.folders().get(i), c));
      sessions.add(c == null ? 0 : c.rows);
      if (c != null && c.sample != null && planned == 0)
        planned = c.sample.get(RawFields.BATCH_SIZE);
      if (c != null && c.summary != null && planned == 0) planned = c.summary.numRequests();
    }
    boolean openLoop =
        cells.stream()
            .anyMatch(
                c ->
                    c != null
                        && ((c.summary != null
                                && c.summary.get(SummaryColumns.ARRIVAL_RATE) != null)
                            || (c.sample != null && c.sample.get(RawFields.ARRIVAL_RATE) != null)));
    boolean everySummary = cells.stream().allMatch(c -> c != null && c.summary != null);
    // An open-loop cell's batch_size is the R × D an even schedule plans; a Poisson draw schedules
    // more or fewer. When every segment said what it scheduled, that is what must be there.
    int lacking =
        openLoop && everySummary
            ? Math.max(0, merge.arrivalsStarted() - merge.rows())
            : Math.max(0, planned - merge.rows() - merge.dropped());
    boolean incomplete = lacking > 0 || health.stream().anyMatch(h -> !h.whole());
    return new MergedFrom.Cell(cellId, incomplete, lacking, health, sessions);
  }

  /** E.g. {@code R-c2 incomplete: lacks 25 session(s); segment 1/2 (host b) missing}. */
  static String describe(SegmentSet set, MergedFrom.Cell cell) {
    List<String> segments = new ArrayList<>();
    for (int i = 0; i < cell.health().size(); i++) {
      Health h = cell.health().get(i);
      if (!h.whole()) segments.add(name(set, i) + " " + h.label());
    }
    String which = segments.isEmpty() ? "" : "; " + String.join(", ", segments);
    return cell.cellId() + " incomplete: lacks " + cell.sessionsLacking() + " session(s)" + which;
  }

  /** The segments that did not end as {@code completed}, for the merged run's outcome. */
  static List<String> lost(SegmentSet set, List<MergedFrom.Source> sources) {
    List<String> lost = new ArrayList<>();
    for (MergedFrom.Source s : sources) {
      if (!"completed".equals(s.outcome())) {
        String how =
            s.folder() == null ? "missing" : s.outcome() == null ? "never ended" : s.outcome();
        lost.add(name(set, s.index()) + " " + how);
      }
    }
    return lost;
  }

  /** {@code segment 1/2 (host b)}, or {@code (no folder given)} for one not given. */
  static String name(SegmentSet set, int index) {
    SegmentSet.SegmentFolder f = set.folders().get(index);
    String where =
        f == null ? "no folder given" : "host " + f.manifest().segment().host() + ", " + f.dir();
    return "segment " + index + "/" + set.count() + " (" + where + ")";
  }
}
