package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.cli.Main;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Failures against the real {@code serve}: a session cap, and a server that dies mid-run. */
class FailureModesTest {
  @TempDir Path dir;

  /** A WebSocket run of the cells {@code ns} × {@code wait}, one repetition each. */
  private RunConfig config(
      String url, List<Integer> ns, double wait, boolean barrier, int timeoutSeconds) {
    return new RunConfig(
        List.of(CellPlan.Mode.WS),
        List.of(Target.parse(url)),
        ns,
        List.of(wait),
        1,
        1,
        0,
        barrier,
        timeoutSeconds,
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
        1,
        null,
        0,
        false,
        null);
  }

  private RunService service() {
    return new RunService(
        NanoClock.SYSTEM,
        Main.childJvm(),
        new PrintWriter(new StringWriter()),
        new PrintStream(PrintStream.nullOutputStream()));
  }

  @Test
  void capacity_reached_is_classified_with_the_servers_counts() throws Exception {
    try (LocalServer s = LocalServer.start(Main.childJvm(), 2, 1, false, 60)) {
      RunService.RunOutcome o =
          service().run(config(s.url(), List.of(5), 1.0, false, 30), new AbortSignal(), p -> {});

      assertThat(o.abortReason()).isNull();
      List<JsonNode> failed =
          ResultFiles.raw(dir).stream().filter(r -> !r.path("success").asBoolean()).toList();
      assertThat(failed)
          .hasSize(3)
          .allSatisfy(
              r -> {
                assertThat(r.path("error_type").asString()).isEqualTo("openenv_error");
                assertThat(r.path("error_code").asString()).isEqualTo("CAPACITY_REACHED");
                assertThat(r.path("active_sessions").asInt()).isEqualTo(2);
                assertThat(r.path("max_sessions").asInt()).isEqualTo(2);
              });
      Map<String, String> row = ResultFiles.summary(dir).getFirst();
      assertThat(row)
          .containsEntry("successful", "2")
          .containsEntry("failed", "3")
          .containsEntry("errors", "openenv_error:CAPACITY_REACHED=3");
    }
  }

  @Test
  void a_server_killed_mid_run_leaves_valid_files_and_an_incomplete_cell() throws Exception {
    LocalServer s = LocalServer.start(Main.childJvm(), 100, 1, false, 60);
    try {
      CompletableFuture<CellProgress> cell = new CompletableFuture<>();
      AbortSignal abort = new AbortSignal();
      // Steps of 10 s: the pre-flight session takes one, the kill lands in the cell's.
      RunConfig cfg = config(s.url(), List.of(6, 6), 10.0, true, 60);
      CompletableFuture<RunService.RunOutcome> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return service().run(cfg, abort, cell::complete);
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      assertThat(cell.get(60, TimeUnit.SECONDS).awaitAllReset(30, TimeUnit.SECONDS)).isTrue();

      s.kill();
      RunService.RunOutcome o = run.get(60, TimeUnit.SECONDS);

      assertThat(o.abortReason()).contains("no server answers /health");
      assertThat(o.cells()).hasSize(1);
      Map<String, String> row = ResultFiles.summary(dir).getFirst();
      assertThat(row).containsEntry("incomplete", "true").containsEntry("successful", "0");
      List<JsonNode> raw = ResultFiles.raw(dir);
      assertThat(raw)
          .allSatisfy(
              r -> assertThat(r.path("error_type").asString()).isEqualTo("connection_closed"));
      assertThat(ResultFiles.summary(dir)).hasSize(1);
    } finally {
      s.close();
    }
  }
}
