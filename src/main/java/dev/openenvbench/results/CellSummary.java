package dev.openenvbench.results;

import java.util.Map;
import java.util.SortedMap;

/**
 * One row of {@code summary.csv}: a cell's counts, phase statistics and distribution. Built by
 * {@link CellAccumulator} from exact data (histograms, counters), never from averaged percentiles.
 *
 * @param totalWallTime seconds from the cell's start to its last session's end
 * @param phases statistics per phase over successful sessions; a phase absent from the map had no
 *     samples
 * @param requestsPerSecond successful sessions per second of wall time
 * @param effectiveConcurrency successful sessions × wait × steps / wall time: the seed's N × wait /
 *     wall, counting only the sessions that waited
 * @param peakConcurrency most sessions that were in their step phase at the same moment
 * @param openRate sessions connected per second, first start to last connect completed
 * @param unfinished sessions that had started but not finished when the run stopped (in raw.jsonl
 *     with {@code error_type} {@code unfinished}); neither successful nor failed
 * @param errors failures counted per cause ({@code error_type} or {@code error_type:error_code})
 * @param errorExamples the first error message seen for each cause (console only)
 * @param episodesDone successful sessions whose episode the environment ended with {@code done:
 *     true}
 * @param incomplete true when the run stopped before every session of the cell finished
 * @param server the server's own figures for the cell, from its {@code /metrics}
 * @param abandoned what became of the slots of the sessions {@code --abandon} made vanish
 * @param hostsSource what {@code uniqueHosts} counts: {@code host_url}, {@code header} (a
 *     backend-identifying header) or {@code peer_address}; null when no session had any
 * @param arrivals how an open-loop cell's schedule went; null for a batch cell
 */
public record CellSummary(
    CellKey key,
    int successful,
    int failed,
    int unfinished,
    double totalWallTime,
    Map<Phase, PhaseStats> phases,
    double requestsPerSecond,
    double effectiveConcurrency,
    int uniquePids,
    int uniqueSessions,
    int uniqueHosts,
    int peakConcurrency,
    double openRate,
    SortedMap<String, Integer> errors,
    SortedMap<String, String> errorExamples,
    HarnessLoad harness,
    boolean incomplete,
    ServerSide server,
    AbandonedSlots abandoned,
    String hostsSource,
    int episodesDone,
    ArrivalCounts arrivals) {

  /** Failed over finished sessions; NaN (unknown) when none finished, never a claimed 0. */
  public double errorRate() {
    int finished = successful + failed;
    return finished == 0 ? Double.NaN : (double) failed / finished;
  }

  /** This row with the server's own figures, read after the cell ended. */
  public CellSummary withServer(ServerSide figures) {
    return with(figures, abandoned);
  }

  /** This row with what the probe after the cell found of its abandoned sessions' slots. */
  public CellSummary withAbandoned(AbandonedSlots slots) {
    return with(server, slots);
  }

  private CellSummary with(ServerSide figures, AbandonedSlots slots) {
    return new CellSummary(
        key,
        successful,
        failed,
        unfinished,
        totalWallTime,
        phases,
        requestsPerSecond,
        effectiveConcurrency,
        uniquePids,
        uniqueSessions,
        uniqueHosts,
        peakConcurrency,
        openRate,
        errors,
        errorExamples,
        harness,
        incomplete,
        figures,
        slots,
        hostsSource,
        episodesDone,
        arrivals);
  }

  public PhaseStats phase(Phase p) {
    return phases.get(p);
  }
}
