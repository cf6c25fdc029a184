package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.loadgen.LocalServer;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.RunManifest;
import dev.openenvbench.results.SessionRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Ctrl-C does too) during a cell: exit 3, the cell written and marked incomplete, and
 * every session that had started in raw.jsonl, as unfinished: nothing claimed that did not run.
 */
class RunInterruptTest {
  @TempDir Path dir;

  @Test
  void an_interrupted_run_exits_3_and_keeps_a_valid_incomplete_row() throws Exception {
    try (LocalServer server = LocalServer.start(Main.childJvm(), 50, 1, false, 60)) {
      Process run =
          ChildCli.start(
              "run",
              "--url",
              server.url(),
              "--requests-grid",
              "4,4",
              "-w",
              "10",
              "--warmup",
              "0",
              "--no-progress",
              "-o",
              dir.toString());
      try (BufferedReader err =
          new BufferedReader(new InputStreamReader(run.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = err.readLine()) != null && !line.contains("] started"); ) {}
        // All four are in their 10 s step when the server holds four sessions.
        Awaitility.await("4 sessions on the server")
            .atMost(Duration.ofSeconds(30))
            .until(() -> ChildCli.activeSessions(server.url()) == 4);
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
      assertThat(row[header.indexOf("successful")]).isEqualTo("0");
      assertThat(row[header.indexOf("failed")]).isEqualTo("0");
      assertThat(row[header.indexOf("unfinished")]).isEqualTo("4");
      assertThat(row[header.indexOf("error_rate")]).as("no session finished: unknown").isEmpty();
      List<SessionRecord> raw = new ArrayList<>();
      RawJsonlReader.forEach(dir.resolve("raw.jsonl"), raw::add);
      assertThat(raw).hasSize(4);
      assertThat(raw)
          .allSatisfy(
              r -> {
                assertThat(r.get(RawFields.ERROR_TYPE)).isEqualTo("unfinished");
                assertThat(r.get(RawFields.ERROR_MESSAGE)).contains("interrupted");
                assertThat(r.get(RawFields.TOTAL_LATENCY)).isPositive();
              });
      assertThat(RunManifest.all(dir))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.outcome()).isEqualTo("aborted: interrupted");
                assertThat(m.ended()).isNotNull();
              });
    }
  }
}
