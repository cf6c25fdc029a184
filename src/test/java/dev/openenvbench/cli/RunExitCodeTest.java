package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s exit code says how the run went, not only whether it ran. */
class RunExitCodeTest {
  @TempDir Path dir;

  @Test
  void a_run_where_every_session_failed_exits_5_and_keeps_its_files() throws Exception {
    // Every step asks for more than the server accepts: VALIDATION_ERROR for each session, while
    // the server stays up (so nothing aborts the run).
    ServerConfig strict = ServerConfig.of("127.0.0.1", 0, 100).withMaxWaitSeconds(0.5);
    try (BenchServer server = BenchServer.startBenchmark(strict)) {
      int code =
          Main.execute(
              "run",
              "--url",
              server.url(),
              "-n",
              "3",
              "-w",
              "1",
              "--warmup",
              "0",
              "--no-progress",
              "-o",
              dir.toString());

      assertThat(code).isEqualTo(ExitCode.NOTHING_WORKED.code());
      assertThat(Files.readAllLines(dir.resolve("raw.jsonl")))
          .hasSize(3)
          .allSatisfy(line -> assertThat(line).contains("\"success\":false", "VALIDATION_ERROR"));
    }
  }
}
