package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.loadgen.LocalServer;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM (what Ctrl-C does too) during a capacity search's second probe: exit 3, both probes in
 * summary.csv (the second incomplete), and capacity.json written with the answer so far, marked
 * stopped: the passed probe counts, the interrupted one is listed but counts neither way.
 */
class CapacityInterruptTest {
  @TempDir Path dir;

  @Test
  void anInterruptedSearchWritesWhatItFoundMarkedStopped() throws Exception {
    try (LocalServer server = LocalServer.start(Main.childJvm(), 50, 1, false, 60)) {
      Process capacity =
          ChildCli.start(
              "capacity",
              "--url",
              server.url(),
              "-w",
              "5",
              "--start",
              "2",
              "--max-sessions",
              "32",
              "--warmup",
              "0",
              "--no-progress",
              "-o",
              dir.toString());
      try (BufferedReader err =
          new BufferedReader(
              new InputStreamReader(capacity.getErrorStream(), StandardCharsets.UTF_8))) {
        // The first probe (N=2) has passed when its capacity line is printed; N=4 comes next.
        for (String line; (line = err.readLine()) != null && !line.contains("grow     N=2 "); ) {}
        Awaitility.await("the second probe's 4 sessions on the server")
            .atMost(Duration.ofSeconds(30))
            .until(() -> ChildCli.activeSessions(server.url()) == 4);
        capacity.destroy(); // SIGTERM
        assertThat(capacity.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }

      assertThat(capacity.exitValue()).isEqualTo(ExitCode.ABORTED.code());
      var rows = SummaryCsvReader.read(dir.resolve("summary.csv")).rows();
      assertThat(rows).hasSize(2);
      assertThat(rows.get(1).flag(SummaryColumns.INCOMPLETE)).isTrue();

      JsonNode json = JsonMapper.builder().build().readTree(dir.resolve("capacity.json").toFile());
      assertThat(json.path("stopped").stringValue()).isEqualTo("interrupted");
      JsonNode s = json.path("searches").get(0);
      assertThat(s.path("capacity").intValue()).as(s.toString()).isEqualTo(2);
      assertThat(s.path("bracket").path("fail").isNull()).as("N=4 did not fail").isTrue();
      assertThat(s.path("confirmed").booleanValue()).isFalse();
      assertThat(s.path("limiting_factor").path("kind").stringValue()).isEqualTo("stopped");
      assertThat(s.path("sentence").stringValue())
          .isEqualTo(
              "ws, wait 5 s: capacity 2 sessions [2 pass, none failed] so far: stopped before"
                  + " the search finished (interrupted)");
      JsonNode probes = s.path("probes");
      assertThat(probes).hasSize(2);
      assertThat(probes.get(0).path("passed").booleanValue()).isTrue();
      assertThat(probes.get(1).path("n").intValue()).isEqualTo(4);
      assertThat(probes.get(1).path("ended_on").stringValue()).isEqualTo("incomplete");
    }
  }
}
