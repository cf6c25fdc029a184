package dev.openenvbench.verdict;

import static dev.openenvbench.results.SummaryColumns.stat;

import dev.openenvbench.results.Phase;
import dev.openenvbench.results.Stat;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryRecord;

/** Summary rows for tests: one repetition of a configuration, with what it measured. */
final class Rows {
  private Rows() {}

  /** A ws, 1 s wait, one-step repetition of N sessions, {@code ok} of them successful. */
  static SummaryRecord.Builder rep(int n, int repetition, int ok) {
    return SummaryRecord.builder()
        .set(SummaryColumns.MODE, "ws")
        .set(SummaryColumns.NUM_REQUESTS, n)
        .set(SummaryColumns.WAIT_SECONDS, 1.0)
        .set(SummaryColumns.STEPS, 1)
        .set(SummaryColumns.BARRIER, false)
        .set(SummaryColumns.RAMP_SECONDS, 0.0)
        .set(SummaryColumns.REPETITION, repetition)
        .set(SummaryColumns.SUCCESSFUL, ok)
        .set(SummaryColumns.FAILED, n - ok)
        .set(SummaryColumns.HARNESS_SATURATED, false)
        .set(SummaryColumns.INCOMPLETE, false);
  }

  static SummaryRecord.Builder total(SummaryRecord.Builder b, double p50, double p99) {
    return b.set(stat(Phase.TOTAL, Stat.P50), p50).set(stat(Phase.TOTAL, Stat.P99), p99);
  }
}
