package dev.openenvbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {
  @Test
  void sessions_that_never_overlapped_are_called_not_concurrent() {
    CellAccumulator acc = new CellAccumulator(CellAccumulatorTest.key(2));
    acc.add(CellAccumulatorTest.stepped(0, 0, 1));
    acc.add(CellAccumulatorTest.stepped(1, 1, 2));

    assertThat(ConsoleReport.warnings(acc.summarize(2, HarnessLoad.UNKNOWN, false)))
        .containsExactly(
            "only 1 of 2 sessions were stepping at the same time: the load was not fully"
                + " concurrent (use --barrier, a longer --wait, or --ramp-seconds 0)");
  }

  @Test
  void a_cell_opened_through_a_window_is_told_of_a_wider_one() {
    CellAccumulator acc = new CellAccumulator(CellAccumulatorTest.key(2));
    // Its sessions waited for their turns (start_delay): the cell ran with --open-window.
    acc.add(
        CellAccumulatorTest.stepped(0, 0, 1).toBuilder().set(RawFields.START_DELAY, 0.0).build());
    acc.add(
        CellAccumulatorTest.stepped(1, 1, 2).toBuilder().set(RawFields.START_DELAY, 1.0).build());

    assertThat(ConsoleReport.warnings(acc.summarize(2, HarnessLoad.UNKNOWN, false)))
        .containsExactly(
            "only 1 of 2 sessions were stepping at the same time: the load was not fully"
                + " concurrent (use --barrier, a longer --wait, or a wider --open-window (0 = all at once))");
  }

  /**
   * A barrier that ran is no remedy: the processes of --processes hold one each, and theirs overlap
   * only when the wait outlasts the slowest one's opening.
   */
  @Test
  void a_cell_that_ran_with_a_barrier_is_told_of_a_longer_wait_only() {
    CellKey barrier = new CellKey("r", "r-c1", "ws", "u", 2, 1.0, 1, "t", null, 1, true, 0, null);
    CellAccumulator acc = new CellAccumulator(barrier);
    acc.add(CellAccumulatorTest.stepped(0, 0, 1));
    acc.add(CellAccumulatorTest.stepped(1, 1, 2));

    assertThat(ConsoleReport.warnings(acc.summarize(2, HarnessLoad.UNKNOWN, false)))
        .containsExactly(
            "only 1 of 2 sessions were stepping at the same time: the load was not fully"
                + " concurrent (use a longer --wait)");
  }

  /** A saturated harness is told how to measure the steps truer: open fewer at once. */
  @Test
  void a_saturated_harness_is_told_of_the_open_window() {
    HarnessLoad saturated = new HarnessLoad(10, 1, 900, 200, 100, true);
    CellAccumulator all = new CellAccumulator(CellAccumulatorTest.key(1));
    all.add(CellAccumulatorTest.stepped(0, 0, 1));
    assertThat(ConsoleReport.warnings(all.summarize(1, saturated, false)))
        .containsExactly(
            "the harness was saturated; latencies may include its own delay (--open-window 8"
                + " opens fewer at once, or more harness processes: --processes, --srun)");

    CellAccumulator windowed = new CellAccumulator(CellAccumulatorTest.key(1));
    windowed.add(
        CellAccumulatorTest.stepped(0, 0, 1).toBuilder().set(RawFields.START_DELAY, 0.5).build());
    assertThat(ConsoleReport.warnings(windowed.summarize(1, saturated, false)))
        .containsExactly(
            "the harness was saturated; latencies may include its own delay (a narrower"
                + " --open-window, or more harness processes: --processes, --srun)");
  }

  @Test
  void a_shortfall_explained_by_failures_says_so() {
    CellAccumulator acc = new CellAccumulator(CellAccumulatorTest.key(2));
    acc.add(CellAccumulatorTest.stepped(0, 0, 1));
    acc.add(CellAccumulatorTest.failure(1, "openenv_error", "CAPACITY_REACHED"));

    assertThat(ConsoleReport.warnings(acc.summarize(1, HarnessLoad.UNKNOWN, false)))
        .containsExactly(
            "only 1 of 2 sessions were stepping at the same time: 1 session(s) failed or did not finish");
  }

  @Test
  void a_segments_share_stepping_at_once_is_judged_against_its_share_not_the_cells_n() {
    CellAccumulator acc = new CellAccumulator(CellAccumulatorTest.key(4)); // segment 0/2 of N=4
    acc.add(CellAccumulatorTest.stepped(0, 0, 1));
    acc.add(CellAccumulatorTest.stepped(1, 0, 1));
    CellSummary share = acc.summarize(1, HarnessLoad.UNKNOWN, false);
    StringWriter text = new StringWriter();

    new ConsoleReport(new PrintWriter(text)).cell(share, 1, 2);

    assertThat(ConsoleReport.warnings(share, 2)).isEmpty();
    assertThat(text.toString()).contains("Peak concurrency (sessions in step at once): 2/2");
    // The same rows as a whole (merged) cell of N=4 lack two sessions, and say so.
    assertThat(ConsoleReport.warnings(share)).hasSize(1);
  }

  @Test
  void the_cell_block_groups_failures_by_cause_and_flags_saturation() {
    CellAccumulator acc = new CellAccumulator(CellAccumulatorTest.key(2));
    acc.add(CellAccumulatorTest.stepped(0, 0, 1));
    acc.add(CellAccumulatorTest.failure(1, "openenv_error", "CAPACITY_REACHED"));
    StringWriter text = new StringWriter();

    new ConsoleReport(new PrintWriter(text))
        .cell(acc.summarize(1, new HarnessLoad(1, 1, 50, 0, 10, true), true), 1);

    assertThat(text.toString())
        .contains("Results: 1 successful, 1 failed (error rate 50.0%)  INCOMPLETE")
        .contains("openenv_error:CAPACITY_REACHED            1  e.g. x")
        .contains("SATURATED: the harness may have limited this cell");
  }
}
