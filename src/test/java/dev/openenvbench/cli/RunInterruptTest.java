package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.loadgen.LocalServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (what Ctrl-C does too) during a cell: exit 3, the cell written and marked incomplete. */
class RunInterruptTest {
  @TempDir Path dir;

  @Test
  void an_interrupted_run_exits_3_and_keeps_a_valid_incomplete_row() throws Exception {
    try (LocalServer server = LocalServer.start(Main.childJvm(), 50, 1, false, 60)) {
      Process run =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElseThrow(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "run",
                  "--url",
                  server.url(),
                  "--requests-grid",
                  "4,4",
                  "-w",
                  "30",
                  "--warmup",
                  "0",
                  "--no-progress",
                  "-o",
                  dir.toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      try (BufferedReader err =
          new BufferedReader(new InputStreamReader(run.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = err.readLine()) != null && !line.contains("] started"); ) {}
        run.destroy(); // SIGTERM
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }

      assertThat(run.exitValue()).isEqualTo(ExitCode.ABORTED.code());
      List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
      assertThat(csv).hasSize(2);
      List<String> header = List.of(csv.get(0).split(","));
      String[] row = csv.get(1).split(",", -1);
      assertThat(row).hasSize(header.size());
      assertThat(row[header.indexOf("incomplete")]).isEqualTo("true");
      assertThat(row[header.indexOf("num_requests")]).isEqualTo("4");
    }
  }
}
