package dev.openenvbench.results;

import static dev.openenvbench.results.RawFields.BATCH_SIZE;
import static dev.openenvbench.results.RawFields.CLOSE_LATENCY;
import static dev.openenvbench.results.RawFields.CONNECT_LATENCY;
import static dev.openenvbench.results.RawFields.ERROR_CODE;
import static dev.openenvbench.results.RawFields.ERROR_MESSAGE;
import static dev.openenvbench.results.RawFields.ERROR_TYPE;
import static dev.openenvbench.results.RawFields.HOST_URL;
import static dev.openenvbench.results.RawFields.MODE;
import static dev.openenvbench.results.RawFields.PID;
import static dev.openenvbench.results.RawFields.REQUEST_ID;
import static dev.openenvbench.results.RawFields.RESET_LATENCY;
import static dev.openenvbench.results.RawFields.SESSION_HASH;
import static dev.openenvbench.results.RawFields.START_OFFSET;
import static dev.openenvbench.results.RawFields.STEP_END_OFFSET;
import static dev.openenvbench.results.RawFields.STEP_LATENCY;
import static dev.openenvbench.results.RawFields.STEP_LATENCY_MAX;
import static dev.openenvbench.results.RawFields.STEP_OVERHEAD;
import static dev.openenvbench.results.RawFields.STEP_START_OFFSET;
import static dev.openenvbench.results.RawFields.SUCCESS;
import static dev.openenvbench.results.RawFields.TCP_CONNECT_LATENCY;
import static dev.openenvbench.results.RawFields.TOTAL_LATENCY;
import static dev.openenvbench.results.RawFields.WAITED_SECONDS;
import static dev.openenvbench.results.RawFields.WAIT_REQUESTED;
import static dev.openenvbench.results.RawFields.WS_UPGRADE_LATENCY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CellAccumulatorTest {
  static CellKey key(int n) {
    return new CellKey("r", "r-c1", "ws", "u", n, 1.0, 1, "t", null, 1, false, 0, null);
  }

  /** A successful session of the benchmark (wait 1 s) whose step ran from start to end. */
  static SessionRecord stepped(int id, double stepStart, double stepEnd) {
    double step = stepEnd - stepStart;
    return SessionRecord.builder()
        .set(REQUEST_ID, id)
        .set(MODE, "ws")
        .set(WAIT_REQUESTED, 1.0)
        .set(BATCH_SIZE, 3)
        .set(CONNECT_LATENCY, 0.01)
        .set(RESET_LATENCY, 0.01)
        .set(STEP_LATENCY, step)
        .set(TOTAL_LATENCY, step + 0.03)
        .set(WAITED_SECONDS, 1.0)
        .set(PID, 7L)
        .set(SESSION_HASH, "h" + id)
        .set(HOST_URL, "host:1")
        .set(SUCCESS, true)
        .set(TCP_CONNECT_LATENCY, 0.005)
        .set(WS_UPGRADE_LATENCY, 0.005)
        .set(CLOSE_LATENCY, 0.01)
        .set(STEP_OVERHEAD, step - 1.0)
        .set(STEP_LATENCY_MAX, step)
        .set(START_OFFSET, 0.0)
        .set(STEP_START_OFFSET, stepStart)
        .set(STEP_END_OFFSET, stepEnd)
        .build();
  }

  @Test
  void summary_counts_sessions_and_distinct_pids_sessions_hosts() {
    CellAccumulator acc = new CellAccumulator(key(3));
    acc.add(stepped(0, 0.0, 1.0));
    acc.add(stepped(1, 0.5, 1.5));
    acc.add(stepped(2, 1.0, 2.0));

    CellSummary s = acc.summarize(2.0, HarnessLoad.UNKNOWN, false);

    assertThat(s.successful()).isEqualTo(3);
    assertThat(s.failed()).isZero();
    assertThat(s.uniquePids()).isEqualTo(1);
    assertThat(s.uniqueSessions()).isEqualTo(3);
    assertThat(s.uniqueHosts()).isEqualTo(1);
    // The worked example of PeakConcurrency: [0,1], [0.5,1.5], [1,2] → at most 2 at once.
    assertThat(s.peakConcurrency()).isEqualTo(2);
    // The seed's definition: N × wait / wall = 3 × 1.0 / 2.0.
    assertThat(s.effectiveConcurrency()).isEqualTo(1.5);
    assertThat(s.requestsPerSecond()).isEqualTo(1.5);
  }

  @Test
  void failures_are_counted_per_cause() {
    CellAccumulator acc = new CellAccumulator(key(3));
    SessionRecord ok = stepped(0, 0, 1);
    acc.add(failure(1, "openenv_error", "CAPACITY_REACHED"));
    acc.add(failure(2, "openenv_error", "CAPACITY_REACHED"));
    acc.add(failure(3, "read_timeout", null));
    acc.add(ok);

    CellSummary s = acc.summarize(1, HarnessLoad.UNKNOWN, false);

    assertThat(s.errors())
        .isEqualTo(new TreeMap<>(Map.of("openenv_error:CAPACITY_REACHED", 2, "read_timeout", 1)));
    assertThat(s.errorRate()).isEqualTo(0.75);
    assertThat(SummaryColumns.errors(s))
        .isEqualTo("openenv_error:CAPACITY_REACHED=2;read_timeout=1");
  }

  @Test
  void a_cell_where_every_session_was_refused_claims_no_concurrency_and_no_error_rate_of_0() {
    CellAccumulator refused = new CellAccumulator(key(500));
    for (int i = 0; i < 500; i++) refused.add(failure(i, "openenv_error", "CAPACITY_REACHED"));
    CellSummary s = refused.summarize(0.76, HarnessLoad.UNKNOWN, false);
    // N × wait / wall would say 500 × 1 / 0.76 = 658 sessions "at once"; none of them waited.
    assertThat(s.effectiveConcurrency()).isZero();
    assertThat(s.errorRate()).isEqualTo(1.0);

    CellSummary nothing = new CellAccumulator(key(4)).summarize(0.1, HarnessLoad.UNKNOWN, true);
    assertThat(nothing.errorRate()).as("no session finished: unknown, not 0").isNaN();
    assertThat(SummaryCsvWriter.cells(SummaryColumns.of(nothing)).get(10)).isEmpty();
  }

  static SessionRecord failure(int id, String type, String code) {
    return SessionRecord.builder()
        .set(REQUEST_ID, id)
        .set(MODE, "ws")
        .set(WAIT_REQUESTED, 1.0)
        .set(BATCH_SIZE, 3)
        .set(TOTAL_LATENCY, 0.01)
        .set(SUCCESS, false)
        .set(ERROR_TYPE, type)
        .set(ERROR_MESSAGE, "x")
        .set(ERROR_CODE, code)
        .set(START_OFFSET, 0.0)
        .build();
  }

  @Test
  void repetitions_merge_exactly_through_histograms_not_by_averaging_percentiles() {
    CellAccumulator rep1 = new CellAccumulator(key(100));
    CellAccumulator rep2 = new CellAccumulator(key(100));
    CellAccumulator both = new CellAccumulator(key(200));
    for (int i = 0; i < 100; i++) {
      SessionRecord fast = stepped(i, 0, 1.0 + i * 1e-4);
      SessionRecord slow = stepped(i, 0, 2.0 + i * 1e-2);
      rep1.add(fast);
      rep2.add(slow);
      both.add(fast);
      both.add(slow);
    }
    PhaseHistograms merged = rep1.histograms();
    merged.add(rep2.histograms());

    PhaseStats exact = both.histograms().stats(Phase.STEP);
    assertThat(merged.stats(Phase.STEP)).isEqualTo(exact);
    double averagedP99 =
        (rep1.histograms().stats(Phase.STEP).p99() + rep2.histograms().stats(Phase.STEP).p99()) / 2;
    assertThat(averagedP99).isNotCloseTo(exact.p99(), org.assertj.core.data.Offset.offset(0.1));
  }
}
