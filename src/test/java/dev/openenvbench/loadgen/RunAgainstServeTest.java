package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.cli.ExitCode;
import dev.openenvbench.cli.Main;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code run} against the real {@code serve} (child processes on loopback, port 0): what the files
 * say about counts, pids, sessions and hosts.
 */
class RunAgainstServeTest {
  static LocalServer a;
  static LocalServer b;
  @TempDir Path dir;

  @BeforeAll
  static void startServers() throws Exception {
    a = LocalServer.start(Main.childJvm(), 100, 1, false, 60);
    b = LocalServer.start(Main.childJvm(), 100, 1, false, 60);
  }

  @AfterAll
  static void stopServers() {
    if (a != null) a.close();
    if (b != null) b.close();
  }

  private int run(String... args) {
    String[] all = new String[args.length + 6];
    all[0] = "run";
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(
        new String[] {"-o", dir.toString(), "--no-progress", "--warmup", "2"},
        0,
        all,
        args.length + 1,
        5);
    return Main.execute(all);
  }

  private static Set<String> distinct(List<JsonNode> rows, String field) {
    return rows.stream().map(r -> r.path(field).asString()).collect(Collectors.toSet());
  }

  @Test
  void ws_run_gives_one_row_per_session_each_with_its_own_environment() throws Exception {
    // --barrier releases every step together, so all 12 are stepping at once however slow the
    // connects are on a busy machine.
    assertThat(
            run("--url", a.url(), "-n", "12", "-w", "1.0", "--barrier", "--hardware", "test-box"))
        .isZero();

    List<JsonNode> raw = ResultFiles.raw(dir);
    assertThat(raw).hasSize(12);
    assertThat(raw)
        .allSatisfy(
            r -> {
              assertThat(r.path("success").asBoolean()).isTrue();
              assertThat(r.path("mode").asString()).isEqualTo("ws");
              assertThat(r.path("waited_seconds").asDouble()).isEqualTo(1.0);
              assertThat(r.path("step_latency").asDouble()).isGreaterThanOrEqualTo(1.0);
              assertThat(r.path("connect_latency").asDouble())
                  .isCloseTo(
                      r.path("tcp_connect_latency").asDouble()
                          + r.path("ws_upgrade_latency").asDouble(),
                      org.assertj.core.data.Offset.offset(1e-6));
              assertThat(r.path("hardware").asString()).isEqualTo("test-box");
            });
    assertThat(distinct(raw, "request_id")).hasSize(12);
    assertThat(distinct(raw, "session_hash")).hasSize(12);
    assertThat(distinct(raw, "pid")).hasSize(1);
    assertThat(distinct(raw, "host_url")).hasSize(1);

    Map<String, String> row = ResultFiles.summary(dir).getFirst();
    assertThat(row)
        .containsEntry("mode", "ws")
        .containsEntry("num_requests", "12")
        .containsEntry("successful", "12")
        .containsEntry("failed", "0")
        .containsEntry("unique_pids", "1")
        .containsEntry("unique_sessions", "12")
        .containsEntry("unique_hosts", "1")
        .containsEntry("peak_concurrency", "12")
        .containsEntry("incomplete", "false")
        .containsEntry("hardware", "test-box");
  }

  @Test
  void http_run_posts_reset_and_step_over_the_pool() throws Exception {
    assertThat(run("--url", a.url(), "-m", "http", "-n", "10", "-w", "0.2")).isZero();

    List<JsonNode> raw = ResultFiles.raw(dir);
    assertThat(raw)
        .hasSize(10)
        .allSatisfy(
            r -> {
              assertThat(r.path("success").asBoolean()).isTrue();
              assertThat(r.path("mode").asString()).isEqualTo("http");
              assertThat(r.path("ws_upgrade_latency").isNull()).isTrue();
              assertThat(r.path("waited_seconds").asDouble()).isEqualTo(0.2);
              // the server's reply leaves when the wait is over, never before
              assertThat(r.path("step_latency").asDouble()).isGreaterThanOrEqualTo(0.2);
            });
    // HTTP is stateless: every request builds a new environment, so each session hash differs.
    assertThat(distinct(raw, "session_hash")).hasSize(10);
    Map<String, String> row = ResultFiles.summary(dir).getFirst();
    assertThat(row)
        .containsEntry("mode", "http")
        .containsEntry("successful", "10")
        .containsEntry("unique_pids", "1")
        .containsEntry("unique_hosts", "1");
  }

  @Test
  void urls_spread_sessions_round_robin_over_two_servers() throws Exception {
    assertThat(
            run(
                "--urls",
                a.url() + "," + b.url(),
                "-n",
                "8",
                "-w",
                "0.1",
                "--expected-hosts",
                "2",
                "--require-hosts"))
        .isZero();

    List<JsonNode> raw = ResultFiles.raw(dir);
    assertThat(distinct(raw, "host_url")).hasSize(2);
    assertThat(raw.stream().filter(r -> r.path("url").asString().equals(a.url())).count())
        .isEqualTo(4);
    assertThat(ResultFiles.summary(dir).getFirst()).containsEntry("unique_hosts", "2");
  }

  @Test
  void require_hosts_fails_when_one_server_serves_everything() throws Exception {
    int code =
        run("--url", a.url(), "-n", "4", "-w", "0.1", "--expected-hosts", "2", "--require-hosts");

    assertThat(code).isEqualTo(ExitCode.REQUIREMENT_FAILED.code());
    assertThat(ResultFiles.summary(dir).getFirst()).containsEntry("unique_hosts", "1");
  }

  @Test
  void compare_runs_http_then_ws_for_each_cell() throws Exception {
    assertThat(run("--url", a.url(), "--compare", "-n", "3", "-w", "0.1")).isZero();

    List<Map<String, String>> rows = ResultFiles.summary(dir);
    assertThat(rows).extracting(r -> r.get("mode")).containsExactly("http", "ws");
  }

  @Test
  void grid_runs_every_cell_and_appends_to_the_same_files() throws Exception {
    assertThat(
            run(
                "--url",
                a.url(),
                "--requests-grid",
                "1,3",
                "--wait-grid",
                "0.05,0.1",
                "--reps",
                "2"))
        .isZero();
    assertThat(run("--url", a.url(), "-n", "2", "-w", "0.05")).isZero();

    List<Map<String, String>> rows = ResultFiles.summary(dir);
    assertThat(rows).hasSize(9);
    assertThat(rows)
        .extracting(
            r -> r.get("num_requests") + "/" + r.get("wait_seconds") + "/" + r.get("repetition"))
        .startsWith("1/0.050000/1", "1/0.050000/2", "1/0.100000/1");
    assertThat(ResultFiles.raw(dir)).hasSize(2 * 2 * (1 + 3) + 2);
  }

  @Test
  void processes_split_a_cell_over_child_harnesses_and_merge_it_into_one_row() throws Exception {
    assertThat(run("--url", a.url(), "-n", "9", "-w", "0.5", "--processes", "3")).isZero();

    List<JsonNode> raw = ResultFiles.raw(dir);
    assertThat(raw)
        .hasSize(9)
        .allSatisfy(
            r -> {
              assertThat(r.path("success").asBoolean()).isTrue();
              assertThat(r.path("batch_size").asInt()).isEqualTo(9);
            });
    assertThat(distinct(raw, "request_id"))
        .containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5", "6", "7", "8");
    List<Map<String, String>> rows = ResultFiles.summary(dir);
    assertThat(rows).hasSize(1);
    assertThat(rows.getFirst())
        .containsEntry("num_requests", "9")
        .containsEntry("successful", "9")
        .containsEntry("unique_sessions", "9")
        .containsEntry("incomplete", "false");
    try (var shards = java.nio.file.Files.list(dir.resolve("shards"))) {
      List<java.nio.file.Path> folders = shards.sorted().toList();
      assertThat(folders).hasSize(3);
      // Each child is a segment of the cell, and its manifest says which.
      assertThat(folders)
          .extracting(f -> dev.openenvbench.results.RunManifest.all(f).getFirst().segment())
          .extracting(seg -> seg.index() + "/" + seg.count())
          .containsExactly("0/3", "1/3", "2/3");
    }
    assertThat(dev.openenvbench.results.RunManifest.all(dir).getFirst().segment()).isNull();
  }

  @Test
  void processes_split_an_open_loop_cell_by_arrival_and_merge_its_counts() throws Exception {
    // 20/s for 1 s: arrivals 0..19, every other one in each of two children.
    assertThat(
            run(
                "--url",
                a.url(),
                "--arrival-rate",
                "20",
                "--duration",
                "1",
                "-w",
                "0.1",
                "--processes",
                "2"))
        .isZero();

    List<JsonNode> raw = ResultFiles.raw(dir);
    assertThat(raw).hasSize(20).allSatisfy(r -> assertThat(r.path("success").asBoolean()).isTrue());
    assertThat(distinct(raw, "request_id")).hasSize(20);
    // Intended starts of the whole schedule: 0, 50, ..., 950 ms, each once.
    assertThat(raw.stream().map(r -> Math.round(r.path("intended_start_offset").asDouble() * 1000)))
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.LongStream.range(0, 20).map(i -> i * 50).boxed().toList());
    Map<String, String> row = ResultFiles.summary(dir).getFirst();
    assertThat(row)
        .containsEntry("num_requests", "20")
        .containsEntry("sessions_scheduled", "20")
        .containsEntry("sessions_dropped", "0")
        .containsEntry("incomplete", "false");
  }

  @Test
  void every_row_names_its_run_and_cell_and_the_run_leaves_its_manifest() throws Exception {
    assertThat(run("--url", a.url(), "--requests-grid", "1,2", "-w", "0.1")).isZero();
    assertThat(run("--url", a.url(), "-n", "2", "-w", "0.1")).as("the same cell again").isZero();

    List<Map<String, String>> rows = ResultFiles.summary(dir);
    assertThat(rows).extracting(r -> r.get("num_requests")).containsExactly("1", "2", "2");
    assertThat(rows)
        .extracting(r -> r.get("format_version"))
        .containsOnly(String.valueOf(dev.openenvbench.results.FormatVersion.CURRENT));
    List<String> cells = rows.stream().map(r -> r.get("cell_id")).toList();
    assertThat(cells).as("two runs of one cell stay apart").doesNotHaveDuplicates();
    assertThat(cells.get(0)).isEqualTo(rows.get(0).get("run_id") + "-c1");
    assertThat(cells.get(1)).isEqualTo(rows.get(0).get("run_id") + "-c2");
    assertThat(rows.get(2).get("run_id")).isNotEqualTo(rows.get(0).get("run_id"));
    List<JsonNode> raw = ResultFiles.raw(dir);
    for (String cell : cells) {
      assertThat(raw.stream().filter(r -> r.path("cell_id").asString().equals(cell)))
          .hasSize(cell.equals(cells.get(0)) ? 1 : 2);
    }
    assertThat(
            dev.openenvbench.results.HistogramLogFile.read(dir.resolve("histograms.hlog"))
                .entries()
                .stream()
                .map(e -> e.tag().cellId())
                .distinct())
        .containsExactlyElementsOf(cells);

    var manifests = dev.openenvbench.results.RunManifest.all(dir);
    assertThat(manifests).hasSize(2);
    var first = manifests.getFirst();
    assertThat(first.runId()).isEqualTo(rows.get(0).get("run_id"));
    assertThat(first.outcome()).isEqualTo("completed");
    assertThat(first.ended()).isNotNull();
    assertThat(first.configuration()).containsEntry("requests_grid", List.of(1, 2));
    assertThat(first.servers())
        .singleElement()
        .satisfies(
            srv -> {
              assertThat(srv.url()).isEqualTo(a.url());
              assertThat(srv.metadata()).containsEntry("name", "BenchmarkEnvironment");
            });
    assertThat(first.machine().cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(first.machine().ephemeralPorts()).matches("\\d+-\\d+");
    assertThat(first.tool().version()).isNotBlank();
  }
}
