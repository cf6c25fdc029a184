package dev.openenvbench.report;

import static dev.openenvbench.results.SummaryColumns.stat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.report.Figure.Band;
import dev.openenvbench.results.CapacityFile;
import dev.openenvbench.results.Phase;
import dev.openenvbench.results.Stat;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The report's opening verdict: the max batch, the measured N on either side, and the limiting
 * factor read from the first N that failed; heatmap colours relative to the SLO.
 */
class VerdictsTest {
  private static final ReportConfig CRITERIA =
      new ReportConfig(
          List.of(Path.of("x")),
          Path.of("out"),
          0.95,
          OptionalDouble.empty(),
          true,
          Map.of(),
          Map.of());

  /** ws, wait 1 s, one step: N sessions, {@code ok} successful, total p99 and connect p99. */
  static SummaryRecord.Builder rep(int n, int ok, double totalP99, double connectP99) {
    return SummaryRecord.builder()
        .set(SummaryColumns.MODE, "ws")
        .set(SummaryColumns.NUM_REQUESTS, n)
        .set(SummaryColumns.WAIT_SECONDS, 1.0)
        .set(SummaryColumns.STEPS, 1)
        .set(SummaryColumns.BARRIER, false)
        .set(SummaryColumns.RAMP_SECONDS, 0.0)
        .set(SummaryColumns.REPETITION, 1)
        .set(SummaryColumns.SUCCESSFUL, ok)
        .set(SummaryColumns.FAILED, n - ok)
        .set(SummaryColumns.HARNESS_SATURATED, false)
        .set(SummaryColumns.INCOMPLETE, false)
        .set(stat(Phase.TOTAL, Stat.P99), totalP99)
        .set(stat(Phase.CONNECT, Stat.P99), connectP99);
  }

  private static Verdict verdict(SummaryRecord... rows) {
    InfraResults infra =
        new InfraResults("local", List.of(rows), Optional.empty(), OptionalInt.empty());
    return Verdicts.of(Analysis.of(List.of(infra), CRITERIA)).getFirst();
  }

  @Test
  void the_servers_session_cap_is_named_with_its_counts() {
    Verdict v =
        verdict(
            rep(64, 64, 1.1, 0.01).build(),
            rep(128, 100, 1.2, 0.01)
                .set(SummaryColumns.ERRORS, "openenv_error:CAPACITY_REACHED=28")
                .build());

    assertThat(v.answer()).isEqualTo("64");
    assertThat(v.bracket()).isEqualTo("64 pass, 128 fail");
    assertThat(v.limitedBy())
        .isEqualTo(
            "the server's session cap (CAPACITY_REACHED) at N=128: 28 of 128 sessions failed"
                + " (openenv_error:CAPACITY_REACHED ×28)");
  }

  @Test
  void connection_failures_are_named_as_such() {
    Verdict v =
        verdict(
            rep(10, 10, 1.1, 0.01).build(),
            rep(100, 60, 1.2, 0.01)
                .set(SummaryColumns.ERRORS, "connect_refused=30;connect_timeout=10")
                .build());

    assertThat(v.limitedBy())
        .isEqualTo(
            "connection failures at N=100: 40 of 100 sessions failed (connect_refused ×30,"
                + " connect_timeout ×10)");
  }

  @Test
  void a_broken_slo_names_the_phase_that_took_the_time() {
    Verdict v = verdict(rep(10, 10, 1.1, 0.01).build(), rep(100, 100, 3.4, 2.2).build());

    assertThat(v.limitedBy())
        .isEqualTo(
            "the latency SLO at N=100: total p99 3.400 s > 3.000 s; largest part: connect p99"
                + " 2.200 s");
  }

  @Test
  void a_limit_not_reached_says_to_sweep_further() {
    Verdict v = verdict(rep(10, 10, 1.1, 0.01).build(), rep(100, 100, 1.3, 0.2).build());

    assertThat(v.answer()).isEqualTo("≥ 100");
    assertThat(v.limitedBy()).isEqualTo("not reached: every N tested passed; sweep larger N");
  }

  @Test
  void a_capacity_search_leads_the_grid_and_says_when_it_is_a_lower_bound() {
    SummaryRecord pass = rep(64, 64, 1.1, 0.01).set(SummaryColumns.RUN_ID, "r1").build();
    SummaryRecord fail = rep(72, 72, 3.3, 0.01).set(SummaryColumns.RUN_ID, "r1").build();
    CapacityFile.Answer answer =
        new CapacityFile.Answer(
            "r1",
            "ws",
            1.0,
            64,
            72,
            true,
            "latency_slo",
            "the latency SLO",
            true,
            true,
            "success ≥ 0.95, total p99 ≤ 30 s");
    InfraResults infra =
        new InfraResults(
            "local", List.of(pass, fail), Optional.empty(), OptionalInt.empty(), List.of(answer));
    List<Verdict> all = Verdicts.of(Analysis.of(List.of(infra), CRITERIA));

    assertThat(all).extracting(Verdict::source).containsExactly(Verdict.CAPACITY, Verdict.GRID);
    Verdict v = all.getFirst();
    assertThat(v.session()).isEqualTo("1 step");
    assertThat(v.answer()).isEqualTo("≥ 64");
    assertThat(v.bracket()).isEqualTo("64 pass, 72 fail");
    assertThat(v.limitedBy())
        .startsWith("the latency SLO; the harness was saturated")
        .contains("lower bound");
  }

  private static CapacityFile.Answer answer(
      int capacity, int fail, String kind, String text, boolean lowerBound) {
    return new CapacityFile.Answer(
        "r1",
        "ws",
        1.0,
        capacity,
        fail,
        true,
        kind,
        text,
        lowerBound,
        true,
        "success ≥ 0.95, total p99 ≤ 30 s");
  }

  /** The verdicts of a folder whose N=16 row is a search's probe, with the search's answer. */
  private static List<Verdict> searchedAll(CapacityFile.Answer a) {
    SummaryRecord pass = rep(16, 16, 1.1, 0.01).set(SummaryColumns.RUN_ID, "r1").build();
    InfraResults infra =
        new InfraResults("local", List.of(pass), Optional.empty(), OptionalInt.empty(), List.of(a));
    return Verdicts.of(Analysis.of(List.of(infra), CRITERIA));
  }

  private static Verdict searched(CapacityFile.Answer a) {
    return searchedAll(a).getFirst();
  }

  @Test
  void a_search_that_ended_at_max_sessions_is_at_least_its_capacity() {
    Verdict v = searched(answer(16, 0, "max_sessions", "nothing up to --max-sessions 16", false));

    assertThat(v.answer()).isEqualTo("≥ 16");
    assertThat(v.bracket()).isEqualTo("16 pass, nothing failed");
  }

  @Test
  void a_harness_limited_search_says_lower_bound_once() {
    Verdict v = searched(answer(2, 3, "harness", "the harness itself (saturated at N=3)", true));

    assertThat(v.answer()).isEqualTo("≥ 2");
    assertThat(v.limitedBy())
        .isEqualTo(
            "the harness itself (saturated at N=3): a lower bound (add --processes or hosts)");
  }

  @Test
  void a_search_and_the_grid_each_say_what_they_were_judged_on() {
    List<Verdict> all = searchedAll(answer(16, 17, "latency_slo", "the latency SLO", false));

    assertThat(all)
        .extracting(Verdict::judgedOn)
        .containsExactly("success ≥ 0.95, total p99 ≤ 30 s", "success ≥ 0.95, total p99 ≤ 3 s");
  }

  @Test
  void the_servers_own_refusals_are_no_lower_bound_however_busy_the_harness() {
    Verdict v =
        verdict(
            rep(64, 64, 1.1, 0.01).build(),
            rep(128, 100, 1.2, 0.01)
                .set(SummaryColumns.ERRORS, "openenv_error:CAPACITY_REACHED=28")
                .set(SummaryColumns.HARNESS_SATURATED, true)
                .build());

    assertThat(v.answer()).isEqualTo("64");
    assertThat(v.limitedBy()).doesNotContain("lower bound");
  }

  @Test
  void a_limit_the_harness_may_have_caused_reads_as_a_bound() {
    Verdict v =
        verdict(
            rep(10, 10, 1.1, 0.01).build(),
            rep(100, 100, 3.4, 2.2).set(SummaryColumns.HARNESS_SATURATED, true).build());

    assertThat(v.answer()).isEqualTo("≥ 10");
    assertThat(v.limitedBy()).endsWith("so this is a lower bound (add --processes or hosts)");
  }

  @Test
  void heatmap_colours_are_relative_to_the_slo_not_to_the_datas_range() {
    // The case: a passing 1.06 s total p99 (SLO 3 s) was painted red because it was the
    // largest value of its panel.
    assertThat(Band.of(1.06, 3.0)).isEqualTo(Band.PASS);
    assertThat(Band.of(2.5, 3.0)).isEqualTo(Band.NEAR);
    assertThat(Band.of(3.0, 3.0))
        .as("the SLO itself passes, as report judges")
        .isEqualTo(Band.NEAR);
    assertThat(Band.of(3.2, 3.0)).isEqualTo(Band.FAIL);
    assertThat(Band.of(Double.NaN, 3.0)).isEqualTo(Band.NONE);
  }
}
