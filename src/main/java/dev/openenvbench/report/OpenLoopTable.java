package dev.openenvbench.report;

import static dev.openenvbench.results.SummaryColumns.stat;

import dev.openenvbench.results.Configuration;
import dev.openenvbench.results.Field;
import dev.openenvbench.results.Phase;
import dev.openenvbench.results.Stat;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The open-loop cells ({@code run --arrival-rate}), one row per infrastructure and configuration:
 * how the schedule went (sessions started, late, dropped) and the total latency from the intended
 * start (corrected) beside the same from the actual start (uncorrected). They never enter the batch
 * tables: a rate is not a batch size. Repetitions combine as everywhere ({@link Repetitions}).
 */
final class OpenLoopTable {
  private OpenLoopTable() {}

  static Table of(Analysis a) {
    List<List<String>> rows = new ArrayList<>();
    for (InfraResults infra : a.infras()) {
      Map<Configuration, List<SummaryRecord>> byConfig = new TreeMap<>(Configuration.ORDER);
      for (SummaryRecord r : infra.openLoopRows()) {
        byConfig.computeIfAbsent(r.configuration(), k -> new ArrayList<>()).add(r);
      }
      byConfig.forEach((c, all) -> rows.add(row(infra.label(), c, Repetitions.complete(all))));
    }
    return new Table(
        "open-loop",
        "Open-loop cells (sessions started at a rate)",
        "Sessions arrived at arrival_rate per second with at most max_in_flight at once; an arrival"
            + " that found no free slot waited (late) or, still waiting when the window closed,"
            + " was dropped. total_p99 is measured from each session's intended start (corrected"
            + " for coordinated omission), total_uncorrected_p99 from its actual start; the gap"
            + " between them is time spent waiting to start. Worst repetition's p99, summed"
            + " counts.",
        List.of(
            "infra",
            "mode",
            "wait_s",
            "steps",
            "arrival_rate",
            "process",
            "max_in_flight",
            "reps",
            "scheduled",
            "started",
            "late",
            "dropped",
            "success",
            "total_p50_s",
            "total_p99_s",
            "total_uncorrected_p99_s",
            "start_delay_p99_s"),
        rows);
  }

  private static List<String> row(String infra, Configuration c, List<SummaryRecord> reps) {
    SummaryRecord first = reps.isEmpty() ? null : reps.getFirst();
    return List.of(
        infra,
        c.mode(),
        Format.waitSeconds(c.waitSeconds()),
        Integer.toString(c.steps()),
        Format.ratio(c.arrivalRate()),
        first == null ? "n/a" : String.valueOf(first.get(SummaryColumns.ARRIVAL_PROCESS)),
        first == null ? "n/a" : String.valueOf(first.get(SummaryColumns.MAX_IN_FLIGHT)),
        Integer.toString(reps.size()),
        sum(reps, SummaryColumns.SESSIONS_SCHEDULED),
        Integer.toString(reps.stream().mapToInt(SummaryRecord::numRequests).sum()),
        sum(reps, SummaryColumns.SESSIONS_LATE),
        sum(reps, SummaryColumns.SESSIONS_DROPPED),
        Format.rate(Repetitions.successMean(reps)),
        Format.seconds(Repetitions.median(reps, stat(Phase.TOTAL, Stat.P50))),
        Format.seconds(Repetitions.worst(reps, stat(Phase.TOTAL, Stat.P99))),
        Format.seconds(Repetitions.worst(reps, stat(Phase.TOTAL_UNCORRECTED, Stat.P99))),
        Format.seconds(Repetitions.worst(reps, stat(Phase.START_DELAY, Stat.P99))));
  }

  private static String sum(List<SummaryRecord> reps, Field<Integer> count) {
    return Integer.toString(
        reps.stream().mapToInt(r -> r.get(count) == null ? 0 : r.get(count)).sum());
  }
}
