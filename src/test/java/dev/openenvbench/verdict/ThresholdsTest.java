package dev.openenvbench.verdict;

import static dev.openenvbench.verdict.Rows.rep;
import static dev.openenvbench.verdict.Rows.total;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Thresholds are checked per configuration with the report's rule for repetitions: p50 of the
 * median repetition, p99 of the worst, success rate the mean; what was not measured fails.
 */
class ThresholdsTest {
  private static List<Check> check(String expression, SummaryRecord... rows) {
    return Thresholds.parse(List.of(expression)).check(List.of(rows));
  }

  @Test
  void a_p99_is_the_worst_repetitions_and_a_p50_the_median_repetitions() {
    SummaryRecord[] reps = {
      total(rep(10, 1, 10), 1.01, 1.50).build(),
      total(rep(10, 2, 10), 1.03, 2.10).build(),
      total(rep(10, 3, 10), 1.02, 1.20).build()
    };

    Check p99 = check("total.p99<2s", reps).getFirst();
    Check p50 = check("total.p50<=1.02s", reps).getFirst();

    assertThat(p99.measured()).isEqualTo(2.10);
    assertThat(p99.passed()).isFalse();
    assertThat(p99.outcome()).isEqualTo("total.p99 = 2.1 s, not < 2 s");
    assertThat(p50.measured()).isEqualTo(1.02);
    assertThat(p50.passed()).isTrue();
    assertThat(p50.repetitions()).isEqualTo(3);
  }

  @Test
  void configurations_are_checked_apart_and_in_the_reports_order() {
    List<Check> checks =
        check(
            "success_rate>=0.95",
            rep(100, 1, 90).build(),
            rep(10, 1, 10).build(),
            rep(100, 2, 100).set(SummaryColumns.BARRIER, true).build());

    assertThat(checks)
        .extracting(Check::where, Check::passed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ws N=10 wait 1 s (1 step)", true),
            org.assertj.core.groups.Tuple.tuple("ws N=100 wait 1 s (1 step)", false),
            org.assertj.core.groups.Tuple.tuple("ws N=100 wait 1 s (1 step, barrier)", true));
    assertThat(checks.get(1).outcome()).isEqualTo("success_rate = 0.9000, not >= 0.9500");
  }

  @Test
  void a_success_rate_is_the_mean_over_repetitions_and_incomplete_ones_count_for_nothing() {
    List<Check> checks =
        check(
            "success_rate>=0.95",
            rep(20, 1, 19).build(),
            rep(20, 2, 20).build(),
            rep(20, 3, 2).set(SummaryColumns.INCOMPLETE, true).build());

    assertThat(checks.getFirst().measured()).isEqualTo(0.975);
    assertThat(checks.getFirst().repetitions()).isEqualTo(2);
    assertThat(checks.getFirst().passed()).isTrue();
  }

  @Test
  void an_empty_sample_set_fails() {
    Check noReps =
        check("success_rate>=0.5", rep(5, 1, 5).set(SummaryColumns.INCOMPLETE, true).build())
            .getFirst();
    Check noColumn = check("step_overhead.p99<1s", rep(5, 1, 0).build()).getFirst();

    assertThat(noReps.passed()).isFalse();
    assertThat(noReps.outcome())
        .isEqualTo("no complete repetition: nothing was measured, so the threshold fails");
    assertThat(noColumn.passed()).isFalse();
    assertThat(noColumn.outcome())
        .isEqualTo("no sample of step_overhead.p99 in 1 repetition(s), so the threshold fails");
    assertThat(Thresholds.passed(List.of())).as("nothing checked passes nothing").isFalse();
  }

  @Test
  void a_multiple_of_n_is_taken_of_each_configurations_n_and_holds_in_every_repetition() {
    List<Check> checks =
        check(
            "peak_concurrency>=0.99*N",
            rep(100, 1, 100).set(SummaryColumns.PEAK_CONCURRENCY, 100).build(),
            rep(100, 2, 100).set(SummaryColumns.PEAK_CONCURRENCY, 97).build(),
            rep(10, 1, 10).set(SummaryColumns.PEAK_CONCURRENCY, 10).build());

    assertThat(checks).extracting(Check::passed).containsExactly(true, false);
    assertThat(checks.get(1).outcome()).isEqualTo("peak_concurrency = 97, not >= 99 (0.99 × N)");
  }

  @Test
  void a_saturated_repetition_makes_the_configuration_saturated() {
    Check c =
        check(
                "harness_saturated==false",
                rep(10, 1, 10).build(),
                rep(10, 2, 10).set(SummaryColumns.HARNESS_SATURATED, true).build())
            .getFirst();

    assertThat(c.passed()).isFalse();
    assertThat(c.outcome()).isEqualTo("harness_saturated = true, not == false");
  }

  @Test
  void the_console_lists_failures_first() {
    List<Check> checks =
        Thresholds.parse(List.of("success_rate>=0.95"))
            .check(List.of(rep(10, 1, 10).build(), rep(100, 1, 50).build()));

    assertThat(Thresholds.console(checks))
        .isEqualTo(
            """
            thresholds: 1 of 2 checks failed
              FAIL  ws N=100 wait 1 s (1 step)  success_rate>=0.95  success_rate = 0.5000, not >= 0.9500
              pass  ws N=10 wait 1 s (1 step)   success_rate>=0.95  success_rate = 1.0000, >= 0.9500
            """);
  }
}
