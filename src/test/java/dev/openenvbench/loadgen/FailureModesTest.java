package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.cli.Main;
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
    return TestRuns.config(
        CellPlan.Mode.WS, url, ns, wait, barrier, timeoutSeconds, 1, dir, Connection.DEFAULT);
  }

  private RunService service() {
    return TestRuns.service(new StringWriter());
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

  @Test
  void a_server_killed_while_an_open_window_opens_leaves_valid_files_and_no_stuck_turns()
      throws Exception {
    // One session opening at a time: when the server dies the ones still waiting for a turn are
    // refused at once, each giving its turn to the next; they must neither nest nor stall.
    LocalServer s = LocalServer.start(Main.childJvm(), 5000, 1, false, 60);
    try {
      Connection window =
          new Connection(
              20,
              60,
              0,
              Connection.Abandon.CLOSE,
              120,
              false,
              null,
              1,
              Connection.RELEASE_RATE_AUTO);
      RunConfig cfg =
          TestRuns.config(CellPlan.Mode.WS, s.url(), List.of(3000), 5.0, false, 30, 1, dir, window);
      CompletableFuture<CellProgress> cell = new CompletableFuture<>();
      CompletableFuture<RunService.RunOutcome> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return service().run(cfg, new AbortSignal(), cell::complete);
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      CellProgress p = cell.get(60, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (p.connected() < 50 && System.nanoTime() < deadline) Thread.sleep(5);
      assertThat(p.connected()).as("sessions opened before the kill").isBetween(50, 2000);

      s.kill();
      RunService.RunOutcome o = run.get(120, TimeUnit.SECONDS);

      assertThat(o.cells()).hasSize(1);
      List<JsonNode> raw = ResultFiles.raw(dir);
      assertThat(raw).isNotEmpty().hasSizeLessThanOrEqualTo(3000);
      assertThat(raw).anyMatch(r -> !r.path("success").asBoolean());
      assertThat(ResultFiles.summary(dir)).hasSize(1);
    } finally {
      s.close();
    }
  }
}
