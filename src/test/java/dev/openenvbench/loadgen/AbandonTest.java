package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import dev.openenvbench.server.SlotRules;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code run --abandon} against the real server (in this JVM, port 0, 4 slots): each way of
 * vanishing, whether the server gave the slots back and how long it took, from its own /metrics.
 */
class AbandonTest {
  @TempDir Path dir;
  private final StringWriter console = new StringWriter();

  private RunService.RunOutcome run(String url, Connection.Abandon how, double probeSeconds)
      throws Exception {
    Connection c =
        new Connection(
            20, 60, 0.5, how, probeSeconds, false, null, 0, Connection.RELEASE_RATE_AUTO);
    RunConfig cfg = TestRuns.config(CellPlan.Mode.WS, url, List.of(4), 2.0, true, 30, 1, dir, c);
    return TestRuns.service(console).run(cfg, new AbortSignal(), p -> {});
  }

  /** A server of 4 slots that pings every 0.5 s and drops a peer silent for 1 s after a ping. */
  private static BenchServer server(double pingSeconds) throws InterruptedException {
    return BenchServer.startBenchmark(
        ServerConfig.of("127.0.0.1", 0, 4).withSlotRules(SlotRules.of(pingSeconds, 1, 0, 0)));
  }

  private Map<String, String> row() throws Exception {
    return ResultFiles.summary(dir).getFirst();
  }

  private void assertTwoOfFourAbandoned(String how) throws Exception {
    List<JsonNode> raw = ResultFiles.raw(dir);
    assertThat(raw.stream().filter(r -> r.path("error_type").asString().equals("abandoned")))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.path("error_message").asString()).contains(how));
    assertThat(raw.stream().filter(r -> r.path("success").asBoolean())).hasSize(2);
    assertThat(row())
        .containsEntry("abandoned", "2")
        .containsEntry("abandon_how", how)
        .containsEntry("abandon_probe", "metrics")
        .containsEntry("errors", "abandoned=2");
  }

  private static double seconds(String cell) {
    return Double.parseDouble(cell);
  }

  @Test
  void a_close_gives_the_slots_back_at_once() throws Exception {
    try (BenchServer s = server(0.5)) {
      run(s.url(), Connection.Abandon.CLOSE, 30);

      assertTwoOfFourAbandoned("close");
      assertThat(row()).containsEntry("abandon_slots_held", "0");
      assertThat(seconds(row().get("abandon_recovery_seconds"))).isBetween(0.0, 1.0);
      assertThat(console.toString())
          .contains("Abandoned: 2 (close): the server gave the slots back ");
    }
  }

  @Test
  void a_reset_gives_the_slots_back_at_once() throws Exception {
    try (BenchServer s = server(0.5)) {
      run(s.url(), Connection.Abandon.RESET, 30);

      assertTwoOfFourAbandoned("reset");
      assertThat(row()).containsEntry("abandon_slots_held", "0");
      assertThat(seconds(row().get("abandon_recovery_seconds"))).isBetween(0.0, 1.0);
    }
  }

  @Test
  void a_silent_peer_keeps_its_slot_until_the_servers_keepalive_drops_it() throws Exception {
    try (BenchServer s = server(0.5)) {
      run(s.url(), Connection.Abandon.SILENT, 30);

      assertTwoOfFourAbandoned("silent");
      assertThat(row()).containsEntry("abandon_slots_held", "0");
      // A ping within 0.5 s of the last message, no pong for 1 s: dropped at the next tick.
      assertThat(seconds(row().get("abandon_recovery_seconds"))).isBetween(1.0, 10.0);
      assertThat(s.metrics().activeSessions()).isZero();
    }
  }

  @Test
  void without_server_pings_a_silent_peer_holds_its_slot_until_the_harness_closes_it()
      throws Exception {
    try (BenchServer s = server(0)) {
      run(s.url(), Connection.Abandon.SILENT, 2);

      assertTwoOfFourAbandoned("silent");
      assertThat(row())
          .containsEntry("abandon_slots_held", "2")
          .containsEntry("abandon_recovery_seconds", "");
      assertThat(console.toString())
          .contains("Abandoned: 2 (silent): 2 slot(s) still held when the probe gave up (metrics)");
      // Nothing leaks: after the probe the harness closed the sockets it had kept open.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(s.metrics().activeSessions()).isZero());
    }
  }
}
