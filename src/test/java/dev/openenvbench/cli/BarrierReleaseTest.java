package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.loadgen.ResultFiles;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code run --barrier --release-rate R} against a real server: the held steps go R a second, in
 * turn, and every session still steps at once when the release is shorter than the wait; 0 lets
 * them go in one burst, as before the option.
 */
class BarrierReleaseTest {
  @TempDir Path dir;

  @Test
  void a_paced_release_spreads_the_steps_and_all_still_step_at_once() throws Exception {
    try (BenchServer s = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      // 20 at 40 a second: the last step goes about 0.475 s after the first, inside the 1.5 s wait.
      Cli.Result r = run(s, "--release-rate", "40");
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(spread(ResultFiles.raw(dir))).isGreaterThanOrEqualTo(0.4);
      Map<String, String> row = ResultFiles.summary(dir).getFirst();
      assertThat(row.get("peak_concurrency")).isEqualTo("20");
      assertThat(ResultFiles.manifest(dir)).contains("\"release_rate\" : 40.0");
    }
  }

  @Test
  void zero_lets_them_go_in_one_burst() throws Exception {
    try (BenchServer s = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      Cli.Result r = run(s, "--release-rate", "0");
      assertThat(r.exit()).as(r.err()).isZero();
      // 20 steps handed to the event loops together: far less than the paced 0.475 s.
      assertThat(spread(ResultFiles.raw(dir))).isLessThan(0.3);
      assertThat(ResultFiles.manifest(dir)).doesNotContain("release_rate");
    }
  }

  @Test
  void each_process_paces_its_share_and_the_setting_is_recorded_for_barrier_runs_only()
      throws Exception {
    try (BenchServer s = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      // Two processes, 10 sessions each at 20 a second: each one's last step 0.45 s after its
      // first.
      Cli.Result r = run(s, "--release-rate", "40", "--processes", "2");
      assertThat(r.exit()).as(r.err()).isZero();
      List<JsonNode> rows = ResultFiles.raw(dir);
      assertThat(spread(rows)).isGreaterThanOrEqualTo(0.4);
      ResultFiles.clear(dir);
      Cli.Result auto = run(s);
      assertThat(auto.exit()).as(auto.err()).isZero();
      assertThat(ResultFiles.summary(dir).getFirst().get("peak_concurrency")).isEqualTo("20");
      assertThat(ResultFiles.manifest(dir)).contains("\"release_rate\" : \"auto\"");

      ResultFiles.clear(dir);
      Cli.Result noBarrier =
          Cli.run(
              "run",
              "--url",
              s.url(),
              "-m",
              "ws",
              "-n",
              "4",
              "-w",
              "0.05",
              "--warmup",
              "0",
              "--no-progress",
              "-o",
              dir.toString());
      assertThat(noBarrier.exit()).as(noBarrier.err()).isZero();
      assertThat(ResultFiles.manifest(dir)).doesNotContain("release_rate");
    }
  }

  @Test
  void a_bad_rate_is_refused_in_one_line() {
    Cli.Result r = Cli.run("run", "--release-rate", "fast");
    assertThat(r.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(r.err())
        .contains("--release-rate must be auto or a number ≥ 0 (0 = all in one burst), not 'fast'");
  }

  private Cli.Result run(BenchServer s, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--url",
                s.url(),
                "-m",
                "ws",
                "-n",
                "20",
                "-w",
                "1.5",
                "--barrier",
                "--warmup",
                "0",
                "--no-progress",
                "-o",
                dir.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  /** Seconds from the first step sent to the last, of the cell's 20 sessions. */
  private static double spread(List<JsonNode> rows) {
    assertThat(rows).hasSize(20).allMatch(n -> n.path("success").booleanValue());
    double first =
        rows.stream()
            .mapToDouble(n -> n.path("step_start_offset").doubleValue())
            .min()
            .orElseThrow();
    double last =
        rows.stream()
            .mapToDouble(n -> n.path("step_start_offset").doubleValue())
            .max()
            .orElseThrow();
    return last - first;
  }
}
