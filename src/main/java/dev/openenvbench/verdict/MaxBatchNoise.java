package dev.openenvbench.verdict;

import dev.openenvbench.report.Analysis;
import dev.openenvbench.report.InfraResults;
import dev.openenvbench.report.MaxBatch;
import dev.openenvbench.report.ReportConfig;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The noise band of a folder's max batch: how far it moves between repetitions. Each repetition's
 * rows are judged alone with the report's criteria (its own max batch per mode × session × wait);
 * the spread is the largest minus the smallest of those that measured something. Fewer than two
 * such repetitions give no spread (NaN).
 */
final class MaxBatchNoise {
  private final Map<String, List<Integer>> byCase = new HashMap<>();

  MaxBatchNoise(InfraResults infra, ReportConfig criteria) {
    Map<Integer, List<SummaryRecord>> reps = new TreeMap<>();
    for (SummaryRecord r : infra.rows()) {
      Integer rep = r.get(SummaryColumns.REPETITION);
      reps.computeIfAbsent(rep == null ? 1 : rep, k -> new ArrayList<>()).add(r);
    }
    for (List<SummaryRecord> rows : reps.values()) {
      InfraResults one =
          new InfraResults(infra.label(), rows, Optional.empty(), OptionalInt.empty());
      for (MaxBatch m : Analysis.of(List.of(one), criteria).maxBatches()) {
        if (m.limit() == MaxBatch.Limit.NOT_MEASURED) continue;
        byCase.computeIfAbsent(key(m), k -> new ArrayList<>()).add(m.maxN());
      }
    }
  }

  /** Max − min of the repetitions' max batches for {@code m}'s case; NaN with fewer than two. */
  double spread(MaxBatch m) {
    List<Integer> v = byCase.getOrDefault(key(m), List.of());
    if (v.size() < 2) return Double.NaN;
    return v.stream().mapToInt(Integer::intValue).max().getAsInt()
        - v.stream().mapToInt(Integer::intValue).min().getAsInt();
  }

  private static String key(MaxBatch m) {
    return m.mode() + "|" + m.session() + "|" + m.waitSeconds();
  }
}
