package dev.openenvbench.capacity;

import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.SessionRecord;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a cell's session rows say beyond its summary: the session cap a server reported in its
 * CAPACITY_REACHED replies (its own active/max counts), and which server processes answered. Filled
 * from the recorder thread as rows are written, read on the run's thread once the cell is over.
 * Thread-safe.
 */
final class CellEvidence {
  /** One cell's evidence. */
  static final class Cell {
    private int capacityRefusals;
    private int maxSessionsReported = -1;
    private int activeReported = -1;
    private final Set<Long> pids = new HashSet<>();
    private double firstStepStart = Double.POSITIVE_INFINITY;
    private double lastStepEnd = Double.NEGATIVE_INFINITY;

    synchronized void add(SessionRecord r) {
      if ("CAPACITY_REACHED".equals(r.get(RawFields.ERROR_CODE))) {
        capacityRefusals++;
        Integer max = r.get(RawFields.MAX_SESSIONS);
        Integer active = r.get(RawFields.ACTIVE_SESSIONS);
        if (max != null) maxSessionsReported = Math.max(maxSessionsReported, max);
        if (active != null) activeReported = Math.max(activeReported, active);
      }
      if (!r.success()) return;
      Long pid = r.get(RawFields.PID);
      if (pid != null) pids.add(pid);
      Double start = r.get(RawFields.STEP_START_OFFSET);
      Double end = r.get(RawFields.STEP_END_OFFSET);
      if (start != null && end != null) {
        firstStepStart = Math.min(firstStepStart, start);
        lastStepEnd = Math.max(lastStepEnd, end);
      }
    }

    /**
     * Seconds from the first successful session's first step to the last one's last step end: the
     * span the cell's steps were served in; NaN when no session succeeded.
     */
    synchronized double stepSpanSeconds() {
      return lastStepEnd > firstStepStart ? lastStepEnd - firstStepStart : Double.NaN;
    }

    synchronized int capacityRefusals() {
      return capacityRefusals;
    }

    /** The largest cap a server reported, -1 when none did. */
    synchronized int maxSessionsReported() {
      return maxSessionsReported;
    }

    synchronized int activeReported() {
      return activeReported;
    }

    /** Distinct server processes ({@code pid}) that served a successful session. */
    synchronized int serverProcesses() {
      return pids.size();
    }
  }

  private static final Cell NONE = new Cell();
  private final Map<String, Cell> cells = new ConcurrentHashMap<>();

  void add(SessionRecord r) {
    String cell = r.get(RawFields.CELL_ID);
    if (cell != null) cells.computeIfAbsent(cell, c -> new Cell()).add(r);
  }

  Cell of(String cellId) {
    return cells.getOrDefault(cellId, NONE);
  }
}
