package dev.openenvbench.report;

import static dev.openenvbench.report.TableRows.row;
import static dev.openenvbench.report.TableRows.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.SeedCriterion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The max-batch table on the fixtures: each case is one rule of the definition. */
class MaxBatchTest {
  static Stream<Arguments> defaultCriteria() {
    return Stream.of(
        // meaning, infra, mode, wait, max_batch, limit, next_n, grid_too_coarse, a note fragment
        Arguments.of(
            "mean of 19/20, 20/20, 18/20 is exactly 0.95 and p99 exactly the 3.0 s SLO: passes",
            "edges",
            "ws",
            "1",
            "20",
            "found",
            "40",
            "false",
            "N=40: p99 3.001 s > SLO 3.000 s"),
        Arguments.of(
            "a smaller N that failed is reported",
            "edges",
            "ws",
            "0.1",
            "20",
            "found",
            "80",
            "true",
            "N=10 failed below the max"),
        Arguments.of(
            "N=40, which the run stopped in (incomplete), decides nothing and is named",
            "edges",
            "ws",
            "0.1",
            "20",
            "found",
            "80",
            "true",
            "N=40 not counted: the run stopped before it finished"),
        Arguments.of(
            "single repetition, nothing passed",
            "edges",
            "http",
            "1",
            "< 10",
            "none passed",
            "10",
            "false",
            "no N passed"),
        Arguments.of(
            "largest N passed: the limit was not reached",
            "local",
            "ws",
            "0.1",
            "≥ 32",
            "not reached",
            "",
            "false",
            "limit not reached"),
        Arguments.of(
            "success fell at N=32 (mean 0.906)",
            "local",
            "ws",
            "1",
            "16",
            "found",
            "32",
            "false",
            "N=32: success 0.906 below threshold"),
        Arguments.of(
            "N=8 failed on the worst repetition's p99 (3.2 s > 3.0 s) alone",
            "local",
            "http",
            "1",
            "4",
            "found",
            "8",
            "false",
            "N=8: p99 3.200 s > SLO 3.000 s"),
        Arguments.of(
            "harness-saturated cells are named",
            "docker",
            "ws",
            "0.1",
            "16",
            "found",
            "32",
            "false",
            "harness saturated at N=32"),
        Arguments.of(
            "a 4× grid cannot locate the limit (seed's own files)",
            "seed-python",
            "ws",
            "1",
            "4",
            "found",
            "16",
            "true",
            "grid too coarse: the limit lies between 4 and 16 (4×)"),
        Arguments.of(
            "single repetition, one mode only",
            "slurm-multi",
            "ws",
            "1",
            "32",
            "found",
            "64",
            "false",
            "N=64: success 0.500"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaultCriteria")
  void maxBatchWithDefaultCriteria(
      String meaning,
      String infra,
      String mode,
      String wait,
      String maxBatch,
      String limit,
      String nextN,
      String coarse,
      String note)
      throws IOException {
    Map<String, String> r =
        row(
            maxBatchTable(Fixtures.config(Path.of("unused"), Fixtures.ALL.toArray(String[]::new))),
            "infra",
            infra,
            "mode",
            mode,
            "wait_s",
            wait);
    assertThat(r.get("max_batch")).isEqualTo(maxBatch);
    assertThat(r.get("limit")).isEqualTo(limit);
    assertThat(r.get("next_n")).isEqualTo(nextN);
    assertThat(r.get("grid_too_coarse")).isEqualTo(coarse);
    assertThat(r.get("notes")).contains(note);
  }

  static Stream<Arguments> otherCriteria() {
    return Stream.of(
        Arguments.of(
            "--no-latency-slo: N=40's p99 of 3.001 s no longer matters",
            0.95,
            OptionalDouble.empty(),
            false,
            "edges",
            "ws",
            "1",
            "40"),
        Arguments.of(
            "--p99-slo 3.5: a fixed SLO above 3.001 s",
            0.95,
            OptionalDouble.of(3.5),
            true,
            "edges",
            "ws",
            "1",
            "40"),
        Arguments.of(
            "--p99-slo 1.0: even N=10's 2.0 s p99 fails",
            0.95,
            OptionalDouble.of(1.0),
            true,
            "edges",
            "ws",
            "1",
            "< 10"),
        Arguments.of(
            "--success-threshold 0.96: the 0.95 mean at N=20 fails",
            0.96,
            OptionalDouble.empty(),
            true,
            "edges",
            "ws",
            "1",
            "10"),
        Arguments.of(
            "--no-latency-slo lifts local http from 4 to 8",
            0.95,
            OptionalDouble.empty(),
            false,
            "local",
            "http",
            "1",
            "8"),
        Arguments.of(
            "--success-threshold 0.5 lets N=8 (mean exactly 0.5) pass",
            0.5,
            OptionalDouble.empty(),
            true,
            "local",
            "http",
            "0.1",
            "8"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherCriteria")
  void maxBatchFollowsTheCriteriaGiven(
      String meaning,
      double threshold,
      OptionalDouble slo,
      boolean latencySlo,
      String infra,
      String mode,
      String wait,
      String maxBatch)
      throws IOException {
    ReportConfig c =
        new ReportConfig(
            Fixtures.folders(List.of(infra)),
            Path.of("unused"),
            threshold,
            slo,
            latencySlo,
            Map.of(),
            Map.of());
    assertThat(row(maxBatchTable(c), "infra", infra, "mode", mode, "wait_s", wait).get("max_batch"))
        .isEqualTo(maxBatch);
  }

  static Stream<Arguments> latencyLimits() {
    return Stream.of(
        Arguments.of(
            "2 × (wait + 0.6 s) = 3.2 s at wait 1: N=40's 3.001 s passes", 2.0, 0.6, "1", "40"),
        Arguments.of(
            "1.5 × (wait + 0.5 s) = 2.25 s at wait 1: N=20's 3.0 s fails", 1.5, 0.5, "1", "10"),
        Arguments.of(
            "1.5 × (wait + 0.5 s) = 0.9 s at wait 0.1: N=20's 0.14 s passes",
            1.5,
            0.5,
            "0.1",
            "20"),
        Arguments.of(
            "1 × (wait + 0.03 s) = 0.13 s at wait 0.1: N=20's 0.14 s fails",
            1.0,
            0.03,
            "0.1",
            "< 10"));
  }

  /** An experiment file's other max_latency_multiplier / overhead_seconds, one formula per wait. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("latencyLimits")
  void maxBatchFollowsAnyMultiplierAndOverhead(
      String meaning, double multiplier, double overheadSeconds, String wait, String maxBatch)
      throws IOException {
    ReportConfig c =
        new ReportConfig(
            Fixtures.folders(List.of("edges")),
            Path.of("unused"),
            0.95,
            OptionalDouble.empty(),
            new SeedCriterion.LatencyLimit(multiplier, overheadSeconds),
            true,
            Map.of(),
            Map.of());
    assertThat(
            row(maxBatchTable(c), "infra", "edges", "mode", "ws", "wait_s", wait).get("max_batch"))
        .isEqualTo(maxBatch);
    assertThat(Definitions.of(c))
        .anySatisfy(
            d ->
                assertThat(d)
                    .contains(
                        "total p99 ≤ "
                            + new SeedCriterion.LatencyLimit(multiplier, overheadSeconds)
                            + " (--latency-multiplier, --overhead-seconds)"));
  }

  private static Table maxBatchTable(ReportConfig c) throws IOException {
    return table(Tables.all(Fixtures.analyse(c)), "max-batch");
  }
}
