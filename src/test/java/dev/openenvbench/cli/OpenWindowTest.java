package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.loadgen.ResultFiles;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code run --open-window W} against a real server: never more than W sessions opening (connect,
 * upgrade) at once, every session still run, and each one's wait for its turn counted in its
 * connect latency (from the cell start) and said as its {@code start_delay}.
 */
class OpenWindowTest {
  @TempDir Path dir;

  @Test
  void at_most_w_sessions_open_at_once_and_the_wait_for_a_turn_is_part_of_connect()
      throws Exception {
    try (BenchServer s = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      Cli.Result r = run(s, "-n", "24", "-w", "0.2", "--open-window", "3");
      assertThat(r.exit()).as(r.err()).isZero();

      List<JsonNode> rows = ResultFiles.raw(dir);
      assertThat(rows).hasSize(24).allMatch(n -> n.path("success").booleanValue());
      for (JsonNode n : rows) {
        double start = n.path("start_offset").doubleValue();
        double delay = n.path("start_delay").doubleValue();
        assertThat(n.path("intended_start_offset").doubleValue()).isZero();
        // Due at the cell start: its whole start offset was its wait for a turn.
        assertThat(delay).isCloseTo(start, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(n.path("connect_latency").doubleValue()).isGreaterThanOrEqualTo(delay);
      }
      assertThat(mostAtOnce(openings(rows))).isBetween(1, 3);
      assertThat(ResultFiles.manifest(dir)).contains("\"open_window\" : 3");
    }
  }

  @Test
  void the_window_is_the_cells_and_processes_share_it() throws Exception {
    try (BenchServer s = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      Cli.Result r = run(s, "-n", "40", "-w", "0.1", "--processes", "2", "--open-window", "2");
      assertThat(r.exit()).as(r.err()).isZero();

      List<JsonNode> rows = ResultFiles.raw(dir);
      assertThat(rows).hasSize(40).allMatch(n -> n.path("success").booleanValue());
      // Both processes count from the cell's one start: one process each opening one at a time.
      assertThat(mostAtOnce(openings(rows))).isBetween(1, 2);
    }
  }

  @Test
  void by_default_websocket_sessions_open_through_the_window_and_zero_opens_all_at_once()
      throws Exception {
    try (BenchServer s = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      Cli.Result auto = run(s, "--compare", "-n", "30", "-w", "0.1");
      assertThat(auto.exit()).as(auto.err()).isZero();
      List<JsonNode> rows = ResultFiles.raw(dir);
      // HTTP's pool bounds its connects already: its sessions start all at once.
      assertThat(rows.stream().filter(n -> n.path("mode").asString().equals("http")))
          .hasSize(30)
          .allMatch(n -> n.path("success").booleanValue())
          .allMatch(n -> n.path("start_delay").isNull());
      // WebSocket's go through the window: every one due at the cell start, its wait said.
      assertThat(rows.stream().filter(n -> n.path("mode").asString().equals("ws")))
          .hasSize(30)
          .allMatch(n -> n.path("success").booleanValue())
          .allMatch(n -> n.path("intended_start_offset").isNumber())
          .allMatch(n -> n.path("start_delay").isNumber());
      assertThat(ResultFiles.manifest(dir)).contains("\"open_window\" : \"auto\"");
      // The console says what the connect holds, and the connect without the wait.
      assertThat(auto.out())
          .contains("(opened through the open window: connect counts from the cell start;");

      ResultFiles.clear(dir);
      Cli.Result all = run(s, "-m", "ws", "-n", "30", "-w", "0.1", "--open-window", "0");
      assertThat(all.exit()).as(all.err()).isZero();
      // All at once, the seed's way: no turns, so no intended start and no start delay.
      assertThat(ResultFiles.raw(dir))
          .hasSize(30)
          .allMatch(n -> n.path("success").booleanValue())
          .allMatch(n -> n.path("intended_start_offset").isNull())
          .allMatch(n -> n.path("start_delay").isNull());
      assertThat(ResultFiles.manifest(dir)).doesNotContain("open_window");
      assertThat(all.out()).doesNotContain("opened through the open window");
    }
  }

  @Test
  void auto_leaves_a_barrier_alone_and_reaches_each_process_as_zero_does() throws Exception {
    try (BenchServer s = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      // A barrier's steps fall due only once all have opened: under auto they open all at once.
      Cli.Result barrier = run(s, "-m", "ws", "-n", "12", "-w", "0.1", "--barrier");
      assertThat(barrier.exit()).as(barrier.err()).isZero();
      assertThat(ResultFiles.raw(dir))
          .hasSize(12)
          .allMatch(n -> n.path("success").booleanValue())
          .allMatch(n -> n.path("start_delay").isNull());

      // Each process of --processes gets the setting: auto windows its share, 0 does not.
      ResultFiles.clear(dir);
      Cli.Result auto = run(s, "-m", "ws", "-n", "20", "-w", "0.1", "--processes", "2");
      assertThat(auto.exit()).as(auto.err()).isZero();
      assertThat(ResultFiles.raw(dir))
          .hasSize(20)
          .allMatch(n -> n.path("success").booleanValue())
          .allMatch(n -> n.path("start_delay").isNumber());
      ResultFiles.clear(dir);
      Cli.Result all =
          run(s, "-m", "ws", "-n", "20", "-w", "0.1", "--processes", "2", "--open-window", "0");
      assertThat(all.exit()).as(all.err()).isZero();
      assertThat(ResultFiles.raw(dir))
          .hasSize(20)
          .allMatch(n -> n.path("success").booleanValue())
          .allMatch(n -> n.path("start_delay").isNull());
    }
  }

  @Test
  void a_folder_of_all_at_once_runs_says_how_to_resume_it() throws Exception {
    try (BenchServer s = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      // As a folder from before the window was the default: all at once.
      Cli.Result old =
          run(s, "-m", "ws", "-n", "4", "-w", "0.05", "--open-window", "0", "--release-rate", "0");
      assertThat(old.exit()).as(old.err()).isZero();

      Cli.Result resumed = run(s, "-m", "ws", "-n", "4", "-w", "0.05", "--resume");
      assertThat(resumed.exit()).as(resumed.err()).isZero();
      assertThat(resumed.out() + resumed.err())
          .contains(
              "no earlier run with these options in "
                  + dir
                  + " (an earlier run there opened and stepped its sessions all at once: add"
                  + " --open-window 0 --release-rate 0 to resume it); running every cell");

      Cli.Result same =
          run(
              s,
              "-m",
              "ws",
              "-n",
              "4",
              "-w",
              "0.05",
              "--open-window",
              "0",
              "--release-rate",
              "0",
              "--resume");
      assertThat(same.exit()).as(same.err()).isZero();
      assertThat(same.out() + same.err()).contains("1 of 1 cell(s) already complete");
    }
  }

  /**
   * {@code run} against {@code s} with no warm-up or progress, into {@code dir}, and {@code more}.
   */
  private Cli.Result run(BenchServer s, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run", "--url", s.url(), "--warmup", "0", "--no-progress", "-o", dir.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  /** Each session's opening: from its actual start to its upgrade's end (its reset sent next). */
  private static List<double[]> openings(List<JsonNode> rows) {
    List<double[]> opening = new ArrayList<>();
    for (JsonNode n : rows) {
      double start = n.path("start_offset").doubleValue();
      double opened =
          start + n.path("connect_latency").doubleValue() - n.path("start_delay").doubleValue();
      opening.add(new double[] {start, opened});
    }
    return opening;
  }

  /** The most intervals [start, end) that overlap at one instant. */
  private static int mostAtOnce(List<double[]> intervals) {
    int most = 0;
    for (double[] a : intervals) {
      int at = 0;
      for (double[] b : intervals) if (b[0] <= a[0] && a[0] < b[1]) at++;
      most = Math.max(most, at);
    }
    return most;
  }
}
