package dev.openenvbench.report;

import static dev.openenvbench.report.TableRows.row;
import static dev.openenvbench.report.TableRows.table;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The other tables on all five fixture folders, with the default criteria. */
class ReportTablesTest {
  static List<Table> tables;

  @BeforeAll
  static void analyse() throws IOException {
    tables =
        Tables.all(
            Fixtures.analyse(
                Fixtures.config(Path.of("unused"), Fixtures.ALL.toArray(String[]::new))));
  }

  @Test
  void httpVsWsNamesAWinnerOnlyWhenTheLowerLimitIsKnown() {
    Table t = table(tables, "http-vs-ws");
    assertThat(row(t, "infra", "local", "wait_s", "0.1"))
        .containsEntry("ws_max", "≥ 32")
        .containsEntry("http_max", "2")
        .containsEntry("ws_http_ratio", "16")
        .containsEntry("winner", "ws");
    assertThat(row(t, "infra", "local", "wait_s", "1"))
        .containsEntry("ws_max", "16")
        .containsEntry("http_max", "4")
        .containsEntry("ws_http_ratio", "4")
        .containsEntry("winner", "ws");
    assertThat(row(t, "infra", "docker", "wait_s", "1"))
        .containsEntry("ws_http_ratio", "1")
        .containsEntry("winner", "tie");
    assertThat(row(t, "infra", "slurm-multi", "wait_s", "1"))
        .containsEntry("http_max", "not run")
        .containsEntry("ws_http_ratio", "n/a")
        .containsEntry("winner", "n/a (http not run)");
    assertThat(row(t, "infra", "edges", "wait_s", "1"))
        .containsEntry("http_max", "< 10")
        .containsEntry("ws_http_ratio", "n/a")
        .containsEntry("winner", "ws");
  }

  @Test
  void winnerIsInconclusiveWhenTheLowerModeNeverReachedItsLimit() {
    MaxBatch ws = maxBatch("ws", MaxBatch.Limit.FOUND, 64);
    MaxBatch http = maxBatch("http", MaxBatch.Limit.NOT_REACHED, 16);
    assertThat(Tables.winner(ws, http)).isEqualTo("inconclusive (http limit not reached)");
    assertThat(Tables.winner(maxBatch("ws", MaxBatch.Limit.NOT_REACHED, 16), http))
        .isEqualTo("inconclusive (limit not reached)");
  }

  @Test
  void latencyAtMaxLoadTakesMedianP50sAndWorstP99s() {
    // local ws 1 s, N=16, three repetitions: connect 0.010/0.012/0.011, reset 0.004/0.006/0.005,
    // step 1.004/1.006/1.005, total p99 1.05/1.07/1.06, overhead p99 8/12/10 ms.
    assertThat(row(table(tables, "latency-at-max"), "infra", "local", "mode", "ws", "wait_s", "1"))
        .containsEntry("n", "16")
        .containsEntry("connect_p50_s", "0.011")
        .containsEntry("reset_p50_s", "0.005")
        .containsEntry("step_p50_s", "1.005")
        .containsEntry("total_p99_s", "1.070")
        .containsEntry("step_overhead_p99_ms", "12.0");
  }

  @Test
  void seedFilesHaveNoStepOverheadPerCell() {
    // The seed's raw.jsonl has no batch_size, so overhead is known per mode only.
    assertThat(row(table(tables, "latency-at-max"), "infra", "seed-python", "mode", "ws"))
        .containsEntry("n", "4")
        .containsEntry("step_overhead_p99_ms", "n/a");
  }

  @Test
  void nothingPassedMeansNoLatencyRow() {
    assertThat(table(tables, "latency-at-max").rows())
        .noneMatch(r -> r.get(0).equals("edges") && r.get(1).equals("http"));
  }

  @Test
  void batchPerCoreOnlyForInfrastructuresWithCores() {
    Table t = table(tables, "batch-per-core");
    assertThat(row(t, "infra", "slurm-multi", "mode", "ws", "wait_s", "1"))
        .containsEntry("cores", "8")
        .containsEntry("max_batch", "32")
        .containsEntry("batch_per_core", "4");
    assertThat(row(t, "infra", "local", "mode", "ws", "wait_s", "0.1"))
        .containsEntry("max_batch", "≥ 32")
        .containsEntry("batch_per_core", "16");
    assertThat(t.rows()).noneMatch(r -> r.get(0).equals("edges") || r.get(0).equals("seed-python"));
  }

  @Test
  void fairnessCountsSuccessfulSessionsPerHostAndProcess() {
    // slurm-multi: 95 successful sessions round-robin over 4 processes on 2 hosts: 25/24/23/23.
    Table t = table(tables, "fairness");
    assertThat(row(t, "infra", "slurm-multi"))
        .containsEntry("sessions", "95")
        .containsEntry("hosts", "2")
        .containsEntry("processes", "4")
        .containsEntry("min_per_process", "23")
        .containsEntry("max_per_process", "25")
        .containsEntry("jain_processes", "0.999")
        .containsEntry("jain_hosts", "0.999");
    assertThat(FairnessTable.jain(List.of(10L, 0L))).isEqualTo(0.5);
    assertThat(t.rows()).as("edges has no raw.jsonl").noneMatch(r -> r.get(0).equals("edges"));
  }

  @Test
  void configurationsShowMeanAndSpread() {
    Table t = table(tables, "configurations");
    assertThat(row(t, "infra", "edges", "mode", "ws", "wait_s", "1", "n", "20"))
        .containsEntry("reps", "3")
        .containsEntry("success_mean", "0.950")
        .containsEntry("success_min", "0.900")
        .containsEntry("success_max", "1.000")
        .containsEntry("total_p99_s", "3.000")
        .containsEntry("slo_s", "3.000")
        .containsEntry("passes", "true");
    assertThat(row(t, "infra", "slurm-multi", "n", "64"))
        .containsEntry("reps", "1")
        .containsEntry("success_mean", "0.500")
        .containsEntry("success_min", "0.500")
        .containsEntry("success_max", "0.500");
    assertThat(row(t, "infra", "docker", "mode", "ws", "wait_s", "0.1", "n", "32"))
        .containsEntry("harness_saturated", "true");
  }

  @Test
  void markdownAndCsvCarryTheSameCells() {
    Table t = table(tables, "http-vs-ws");
    assertThat(t.csv())
        .startsWith("infra,session,wait_s,ws_max,http_max,ws_http_ratio,winner\n")
        .contains("local,1 step,0.1,≥ 32,2,16,ws\n");
    assertThat(t.markdown()).contains("| local | 1 step | 0.1 | ≥ 32 | 2 | 16 | ws |");
  }

  private static MaxBatch maxBatch(String mode, MaxBatch.Limit limit, int maxN) {
    return new MaxBatch(
        "x", mode, "1 step", 1.0, limit, maxN, 0, false, java.util.Optional.empty(), List.of());
  }
}
