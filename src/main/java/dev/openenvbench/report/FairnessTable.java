package dev.openenvbench.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Load-balance fairness from raw.jsonl: how evenly successful sessions spread. */
final class FairnessTable {
  private FairnessTable() {}

  static Table of(Analysis a) {
    List<List<String>> rows = new ArrayList<>();
    for (InfraResults infra : a.infras()) {
      infra
          .raw()
          .ifPresent(
              raw -> {
                var perPid = raw.sessionsPerPid().values();
                rows.add(
                    List.of(
                        infra.label(),
                        Long.toString(raw.successfulSessions()),
                        Integer.toString(raw.sessionsPerHost().size()),
                        Integer.toString(perPid.size()),
                        Long.toString(perPid.stream().mapToLong(Long::longValue).min().orElse(0)),
                        Long.toString(perPid.stream().mapToLong(Long::longValue).max().orElse(0)),
                        jainText(perPid),
                        jainText(raw.sessionsPerHost().values())));
              });
    }
    return new Table(
        "fairness",
        "Sessions per host and process",
        "Successful sessions over the whole sweep (raw.jsonl). Jain's index = (Σx)² / (n·Σx²):"
            + " 1 is perfectly even, 1/n is everything on one.",
        List.of(
            "infra",
            "sessions",
            "hosts",
            "processes",
            "min_per_process",
            "max_per_process",
            "jain_processes",
            "jain_hosts"),
        rows);
  }

  static double jain(Collection<Long> counts) {
    double sum = 0;
    double squares = 0;
    for (long c : counts) {
      sum += c;
      squares += (double) c * c;
    }
    return counts.isEmpty() || squares == 0 ? Double.NaN : sum * sum / (counts.size() * squares);
  }

  private static String jainText(Collection<Long> counts) {
    double j = jain(counts);
    return Double.isNaN(j) ? "n/a" : String.format(Locale.ROOT, "%.3f", j);
  }
}
