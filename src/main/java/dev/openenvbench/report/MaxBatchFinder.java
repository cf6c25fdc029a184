package dev.openenvbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds the {@link MaxBatch} of each infrastructure × mode × session shape × wait. */
public final class MaxBatchFinder {
  /** A gap wider than this factor between the max and the next N tested is "too coarse". */
  public static final double COARSE_RATIO = 2.0;

  private MaxBatchFinder() {}

  /** One result per infra × mode × session × wait present in the cells, in the cells' order. */
  public static List<MaxBatch> find(Map<String, List<Cell>> cellsByInfra) {
    List<MaxBatch> out = new ArrayList<>();
    cellsByInfra.forEach(
        (infra, cells) -> {
          Map<String, List<Cell>> groups = new LinkedHashMap<>();
          for (Cell c : cells) {
            groups
                .computeIfAbsent(
                    c.mode() + "|" + c.session() + "|" + c.waitSeconds(), k -> new ArrayList<>())
                .add(c);
          }
          groups.values().forEach(g -> out.add(of(g)));
        });
    return out;
  }

  /**
   * @param group cells of one infra, mode, session shape and wait, ordered by N
   */
  static MaxBatch of(List<Cell> all) {
    // A cell the run stopped in measured less than N: it is named, and decides nothing.
    List<Cell> group = all.stream().filter(c -> !c.incomplete()).toList();
    List<String> stopped =
        all.stream()
            .filter(c -> c.incomplete() || c.incompleteRepetitions() > 0)
            .map(MaxBatchFinder::stoppedNote)
            .toList();
    if (group.isEmpty()) {
      Cell first = all.get(0);
      List<String> notes = new ArrayList<>(stopped);
      notes.add(0, "no N was measured to the end");
      return new MaxBatch(
          first.infra(),
          first.mode(),
          first.session(),
          first.waitSeconds(),
          MaxBatch.Limit.NOT_MEASURED,
          0,
          0,
          false,
          Optional.empty(),
          notes);
    }
    MaxBatch found = decide(group);
    if (stopped.isEmpty()) return found;
    List<String> notes = new ArrayList<>(found.notes());
    notes.addAll(stopped);
    return new MaxBatch(
        found.infra(),
        found.mode(),
        found.session(),
        found.waitSeconds(),
        found.limit(),
        found.maxN(),
        found.nextN(),
        found.gridTooCoarse(),
        found.atMax(),
        notes);
  }

  private static String stoppedNote(Cell c) {
    return c.incomplete()
        ? "N=" + c.n() + " not counted: the run stopped before it finished"
        : "N=" + c.n() + ": " + c.incompleteRepetitions() + " stopped repetition(s) left out";
  }

  private static MaxBatch decide(List<Cell> group) {
    Cell first = group.get(0);
    int best = -1;
    for (int i = 0; i < group.size(); i++) {
      if (group.get(i).passes()) {
        best = i;
      }
    }
    List<String> notes = new ArrayList<>();
    if (best < 0) {
      notes.add("no N passed; N=" + first.n() + ": " + failure(first));
      addSaturation(group, notes);
      return new MaxBatch(
          first.infra(),
          first.mode(),
          first.session(),
          first.waitSeconds(),
          MaxBatch.Limit.NONE_PASSED,
          0,
          first.n(),
          false,
          Optional.empty(),
          notes);
    }
    Cell max = group.get(best);
    for (Cell c : group.subList(0, best)) {
      if (!c.passes()) {
        notes.add("N=" + c.n() + " failed below the max (" + failure(c) + ")");
      }
    }
    if (best == group.size() - 1) {
      notes.add("limit not reached: the largest N tested passed");
      addSaturation(group, notes);
      return new MaxBatch(
          max.infra(),
          max.mode(),
          max.session(),
          max.waitSeconds(),
          MaxBatch.Limit.NOT_REACHED,
          max.n(),
          0,
          false,
          Optional.of(max),
          notes);
    }
    Cell next = group.get(best + 1);
    double ratio = (double) next.n() / max.n();
    boolean coarse = ratio > COARSE_RATIO + Cells.EPSILON;
    notes.add("N=" + next.n() + ": " + failure(next));
    if (coarse) {
      notes.add(
          String.format(
              Locale.ROOT,
              "grid too coarse: the limit lies between %d and %d (%s×); sweep more N in between",
              max.n(),
              next.n(),
              Format.ratio(ratio)));
    }
    addSaturation(group, notes);
    return new MaxBatch(
        max.infra(),
        max.mode(),
        max.session(),
        max.waitSeconds(),
        MaxBatch.Limit.FOUND,
        max.n(),
        next.n(),
        coarse,
        Optional.of(max),
        notes);
  }

  /** Why a cell did not pass, in the report's terms. */
  static String failure(Cell c) {
    List<String> why = new ArrayList<>();
    if (!c.successOk()) {
      why.add("success " + Format.rate(c.successMean()) + " below threshold");
    }
    if (!c.latencyOk()) {
      why.add(
          "p99 "
              + Format.seconds(c.totalP99Seconds())
              + " s > SLO "
              + Format.seconds(c.sloSeconds())
              + " s");
    }
    return why.isEmpty() ? "failed" : String.join(", ", why);
  }

  private static void addSaturation(List<Cell> group, List<String> notes) {
    List<String> ns = group.stream().filter(Cell::harnessSaturated).map(c -> "N=" + c.n()).toList();
    if (!ns.isEmpty()) {
      notes.add(
          "harness saturated at "
              + String.join(", ", ns)
              + " (numbers there describe the harness)");
    }
  }
}
