package dev.openenvbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CellAccumulatorTest {
  static CellKey key(int n) {
    return new CellKey("ws", "u", n, 1.0, 1, "t", null, 1, false, 0);
  }

  static SessionRecord stepped(int id, double stepStart, double stepEnd) {
    double step = stepEnd - stepStart;
    return new SessionRecord(
        id,
        "ws",
        "t",
        1.0,
        3,
        null,
        0.01,
        0.01,
        step,
        step + 0.03,
        1.0,
        7L,
        "h" + id,
        "host:1",
        true,
        null,
        null,
        1,
        "u",
        1,
        1,
        0.005,
        0.005,
        0.01,
        step - 1.0,
        step,
        null,
        null,
        null,
        null,
        0.0,
        stepStart,
        stepEnd);
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
    assertThat(SummaryRow.errors(s)).isEqualTo("openenv_error:CAPACITY_REACHED=2;read_timeout=1");
  }

  static SessionRecord failure(int id, String type, String code) {
    return new SessionRecord(
        id, "ws", "t", 1.0, 3, null, null, null, null, 0.01, null, null, null, null, false, type,
        "x", 1, "u", 1, 0, null, null, null, null, null, code, null, null, null, 0.0, null, null);
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
