package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.openenvbench.cli.Main;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The live metrics of a run against the real {@code serve}, scraped over HTTP while the run goes
 * and after it, against what the run wrote to raw.jsonl.
 */
class HarnessMetricsTest {
  @TempDir Path dir;

  /** WebSocket cells of N = {@code ns}, wait 1.5 s, in {@code processes} harness processes. */
  private RunConfig config(String url, List<Integer> ns, int processes) {
    return new RunConfig(
        List.of(CellPlan.Mode.WS),
        List.of(Target.parse(url)),
        ns,
        List.of(1.5),
        1,
        1,
        0,
        false,
        30,
        null,
        dir,
        false,
        false,
        1000,
        List.of(),
        0,
        false,
        0,
        0,
        processes,
        null,
        0,
        false,
        null);
  }

  private RunService service(HarnessMetrics metrics) {
    return new RunService(
        NanoClock.SYSTEM,
        Main.childJvm(),
        new PrintWriter(new StringWriter()),
        new PrintStream(PrintStream.nullOutputStream()),
        metrics);
  }

  private static CompletableFuture<RunService.RunOutcome> start(RunService s, RunConfig cfg) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return s.run(cfg, new AbortSignal(), p -> {});
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        });
  }

  /** The run id: the run's manifest folder (runs/<run_id>/), there before the first cell. */
  private static String rowsRunId(Path dir) throws java.io.IOException {
    try (var runs = java.nio.file.Files.list(dir.resolve("runs"))) {
      return runs.findFirst().orElseThrow().getFileName().toString();
    }
  }

  @Test
  void a_scrape_during_the_run_shows_the_running_cell_and_after_it_the_counts_of_the_files()
      throws Exception {
    try (LocalServer server = LocalServer.start(Main.childJvm(), 3, 1, false, 60);
        HarnessMetrics metrics = HarnessMetrics.serve(0)) {
      CompletableFuture<RunService.RunOutcome> run =
          start(service(metrics), config(server.url(), List.of(2, 6), 1));

      // While the second cell's three admitted sessions wait out their step:
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                Scrape s = Scrape.of(metrics.port());
                return s.named("openenv_bench_cell_info").keySet().stream()
                        .anyMatch(k -> k.contains("num_requests=\"6\""))
                    && s.value("openenv_bench_sessions_in_flight") > 0;
              });
      Scrape during = Scrape.of(metrics.port());
      Map<String, Double> cellInfo = during.named("openenv_bench_cell_info");
      assertThat(cellInfo).as("only the running cell's labels").hasSize(1).containsValue(1.0);
      assertThat(cellInfo.keySet().iterator().next())
          .contains("mode=\"ws\"", "num_requests=\"6\"", "wait_seconds=\"1.5\"")
          .contains("cell_id=\"" + rowsRunId(dir) + "-c2\"");
      assertThat(during.value("openenv_bench_sessions_started_total"))
          .isGreaterThan(during.value("openenv_bench_sessions_finished_total"));
      assertThat(during.named("openenv_bench_harness_event_loop_lag_seconds")).hasSize(1);
      assertThat(during.named("process_cpu_usage")).hasSize(1);

      assertThat(run.get().abortReason()).isNull();
      assertThat(ResultFiles.raw(dir).stream().filter(r -> !r.path("success").asBoolean()))
          .as("the cap of 3 refused three of the second cell's six")
          .hasSize(3);
      assertCountsEqualTheFiles(Scrape.of(metrics.port()), 8);
    }
  }

  /** Every counter and histogram of the scrape against raw.jsonl. */
  private void assertCountsEqualTheFiles(Scrape after, int sessions) throws java.io.IOException {
    List<JsonNode> rows = ResultFiles.raw(dir);
    assertThat(rows).hasSize(sessions);
    assertThat(after.value("openenv_bench_sessions_started_total")).isEqualTo(rows.size());
    assertThat(after.value("openenv_bench_sessions_finished_total")).isEqualTo(rows.size());
    assertThat(after.value("openenv_bench_sessions_in_flight")).isZero();

    Map<String, Long> failuresInFile =
        rows.stream()
            .filter(r -> !r.path("success").asBoolean())
            .collect(
                Collectors.groupingBy(
                    r ->
                        "openenv_bench_sessions_failed_total{error_type=\""
                            + r.path("error_type").asString()
                            + "\"}",
                    Collectors.counting()));
    assertThat(after.named("openenv_bench_sessions_failed_total"))
        .isEqualTo(
            failuresInFile.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (double) e.getValue())));

    for (String[] phase :
        List.of(
            new String[] {"connect", "connect_latency"},
            new String[] {"reset", "reset_latency"},
            new String[] {"step", "step_latency"},
            new String[] {"total", "total_latency"})) {
      List<Double> values =
          rows.stream()
              .map(r -> r.path(phase[1]))
              .filter(JsonNode::isNumber)
              .map(JsonNode::asDouble)
              .toList();
      String labels = "{phase=\"" + phase[0] + "\"}";
      assertThat(after.value("openenv_bench_session_phase_seconds_count" + labels))
          .as(phase[0])
          .isEqualTo(values.size());
      assertThat(after.value("openenv_bench_session_phase_seconds_sum" + labels))
          .as(phase[0])
          .isCloseTo(values.stream().mapToDouble(d -> d).sum(), within(1e-6));
      long underOneSecond = values.stream().filter(v -> v <= 1.0).count();
      assertThat(
              after.value(
                  "openenv_bench_session_phase_seconds_bucket{phase=\""
                      + phase[0]
                      + "\",le=\"1.0\"}"))
          .as(phase[0] + " sessions within 1 s")
          .isEqualTo(underOneSecond);
    }
  }

  @Test
  void with_processes_the_parent_counts_its_childrens_rows_as_they_write_them() throws Exception {
    try (LocalServer server = LocalServer.start(Main.childJvm(), 3, 1, false, 60);
        HarnessMetrics metrics = HarnessMetrics.serve(0)) {
      CompletableFuture<RunService.RunOutcome> run =
          start(service(metrics), config(server.url(), List.of(2, 4), 2));

      // The shards are merged after their children exit, and the merge counts nothing: the
      // first cell's two sessions can only be here, during the second cell, from following the
      // children's files.
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                Scrape s = Scrape.of(metrics.port());
                return s.named("openenv_bench_cell_info").keySet().stream()
                        .anyMatch(k -> k.contains("num_requests=\"4\""))
                    && s.value("openenv_bench_sessions_finished_total") >= 2;
              });

      assertThat(run.get().abortReason()).isNull();
      assertCountsEqualTheFiles(Scrape.of(metrics.port()), 6);
    }
  }
}
