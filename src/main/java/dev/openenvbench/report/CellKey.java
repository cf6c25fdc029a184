package dev.openenvbench.report;

import java.util.Comparator;

/** One configuration of a sweep within one infrastructure: mode × N × wait. */
public record CellKey(String mode, int numRequests, double waitSeconds) {
  static final Comparator<CellKey> ORDER =
      Comparator.comparing(CellKey::mode)
          .thenComparingDouble(CellKey::waitSeconds)
          .thenComparingInt(CellKey::numRequests);
}
