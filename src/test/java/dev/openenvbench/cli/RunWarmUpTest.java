package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up is the run's own business only against a server it started: against a user's {@code
 * --url} it sends no session unless asked, since each one is a real session of their deployment
 * (and a one-session run would wait for a thousand).
 */
class RunWarmUpTest {
  @TempDir Path dir;

  @Test
  void against_a_url_there_is_no_warm_up_unless_asked_for() throws Exception {
    try (BenchServer s = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 50))) {
      Path unasked = dir.resolve("unasked");
      Cli.Result r =
          Cli.run(
              "run", "--url", s.url(), "-n", "1", "-w", "0", "--output-dir", unasked.toString());
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.err()).doesNotContain("warm-up");
      assertThat(manifest(unasked)).contains("\"warmup_sessions\" : 0");

      Path asked = dir.resolve("asked");
      Cli.Result w =
          Cli.run(
              "run",
              "--url",
              s.url(),
              "-n",
              "1",
              "-w",
              "0",
              "--warmup",
              "3",
              "--output-dir",
              asked.toString());
      assertThat(w.exit()).as(w.err()).isZero();
      assertThat(w.err()).contains("warm-up: 3 unrecorded session(s) per mode");
      assertThat(manifest(asked)).contains("\"warmup_sessions\" : 3");
    }
  }

  private static String manifest(Path folder) throws Exception {
    try (var runs = Files.list(folder.resolve("runs"))) {
      return Files.readString(runs.findFirst().orElseThrow().resolve("manifest.json"));
    }
  }
}
