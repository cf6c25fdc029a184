package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.loadgen.ResultFiles;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code --barrier}: the sessions step together and close together. Think times drawn per session
 * spread their last replies over a third of a second; no session closes before the last of them, so
 * the cell's closes never compete with a reply still due.
 */
@Timeout(120) // a session left waiting to close would hang the run: fail instead
class BarrierClosesTest {
  @TempDir Path dir;

  @Test
  void a_barriers_sessions_close_only_after_the_cells_last_reply() throws Exception {
    try (BenchServer s = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      Cli.Result r = run(s, "--barrier");
      assertThat(r.exit()).as(r.err()).isZero();
      List<JsonNode> rows = rows();
      assertThat(rows).hasSize(12).allMatch(n -> n.path("success").booleanValue());
      double lastReply =
          rows.stream()
              .mapToDouble(n -> n.path("step_end_offset").doubleValue())
              .max()
              .orElseThrow();
      double firstReply =
          rows.stream()
              .mapToDouble(n -> n.path("step_end_offset").doubleValue())
              .min()
              .orElseThrow();
      assertThat(lastReply - firstReply)
          .as("the think times spread the replies")
          .isGreaterThan(0.05);
      for (JsonNode n : rows) {
        assertThat(closeSent(n))
            .as("close of %s", n.path("request_id"))
            .isGreaterThanOrEqualTo(lastReply - 1e-3);
        assertThat(n.path("close_latency").doubleValue()).isPositive();
      }
    }
  }

  /**
   * Sessions that fail before their reset (the server's cap) or in their step (abandoned) leave the
   * closes' gate: the others still close, and the run ends.
   */
  @Test
  void sessions_that_fail_before_their_last_reply_do_not_hold_the_others_closes() throws Exception {
    try (BenchServer s = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 10))) {
      Cli.Result r = run(s, "--barrier", "--abandon", "0.25");
      assertThat(r.exit()).as(r.err()).isZero();
      List<JsonNode> rows = rows();
      assertThat(rows).hasSize(12);
      List<JsonNode> ok = rows.stream().filter(n -> n.path("success").booleanValue()).toList();
      assertThat(rows.stream().map(n -> n.path("error_type").asString()))
          .as("the cap's refusals and the abandoned")
          .contains("openenv_error", "abandoned");
      assertThat(ok).isNotEmpty().allMatch(n -> n.path("close_latency").doubleValue() > 0);
    }
  }

  @Test
  void without_a_barrier_each_session_closes_after_its_own_reply() throws Exception {
    try (BenchServer s = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      Cli.Result r = run(s);
      assertThat(r.exit()).as(r.err()).isZero();
      List<JsonNode> rows = rows();
      double lastReply =
          rows.stream()
              .mapToDouble(n -> n.path("step_end_offset").doubleValue())
              .max()
              .orElseThrow();
      assertThat(rows).anyMatch(n -> closeSent(n) < lastReply - 0.02);
    }
  }

  private Cli.Result run(BenchServer s, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--url",
                s.url(),
                "-n",
                "12",
                "-w",
                "0.05",
                "--think-seconds",
                "0..0.35",
                "--warmup",
                "0",
                "--no-progress",
                "-o",
                dir.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  /** When the session sent its close: its end less the close's round trip. */
  private static double closeSent(JsonNode n) {
    return n.path("start_offset").doubleValue()
        + n.path("total_latency").doubleValue()
        - n.path("close_latency").doubleValue();
  }

  private List<JsonNode> rows() throws Exception {
    return ResultFiles.raw(dir);
  }
}
