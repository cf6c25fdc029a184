package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.server.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code capacity} end to end against real {@code serve} processes over real sockets, one limit
 * each, made by the server's own knobs: its session cap, a fixed step pool (the hidden limiter), a
 * CPU-bound step, and a payload so large the harness itself is the limit. Small waits (0.2 s) and
 * small N; --barrier, so that every probe's steps overlap on a busy two-core machine.
 */
class CapacityCommandTest {
  @TempDir Path dir;

  private JsonNode capacity(String url, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "capacity",
                "-u",
                url,
                "-w",
                "0.2",
                "--barrier",
                "--warmup",
                "20",
                "--boundary-runs",
                "1",
                "--confirm-runs",
                "1",
                "--no-progress",
                "-o",
                dir.toString()));
    args.addAll(List.of(extra));
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(dir.resolve("capacity.json").toFile());
    JsonNode search = json.path("searches").get(0);
    // Every probe is an ordinary cell of the run: one summary row each, read as a sweep is.
    assertThat(SummaryCsvReader.read(dir.resolve("summary.csv")).rows())
        .hasSize(search.path("probes").size());
    assertThat(r.out()).contains(search.path("sentence").stringValue());
    return search;
  }

  @Test
  void twoWorkersOfFiftySessionsHoldAboutAHundredAndSaySo() throws Exception {
    try (ServeProcess serve =
        ServeProcess.start("--port", "0", "--workers", "2", "--max-concurrent-envs", "50")) {
      JsonNode s = capacity(serve.url, "--start", "12", "--max-sessions", "200", "--p99-slo", "30");
      // The kernel spreads connections over the two workers unevenly: one may fill first.
      assertThat(s.path("capacity").intValue()).isBetween(90, 105);
      JsonNode limit = s.path("limiting_factor");
      assertThat(limit.path("kind").stringValue()).isEqualTo("session_cap");
      assertThat(limit.path("text").stringValue())
          .contains("CAPACITY_REACHED: 2 worker(s) × 50 sessions = 100");
      assertThat(s.path("lower_bound").booleanValue()).isFalse();
    }
  }

  @Test
  void aPoolOfEightStepThreadsIsFoundAsAHiddenLimiterOfAboutEight() throws Exception {
    try (ServeProcess serve =
        ServeProcess.start(
            "--port", "0", "--step-pool-threads", "8", "--max-concurrent-envs", "1000")) {
      JsonNode s = capacity(serve.url, "--start", "8", "--max-sessions", "256");
      JsonNode limit = s.path("limiting_factor");
      assertThat(limit.path("kind").stringValue()).as(limit.toString()).isEqualTo("hidden_limiter");
      assertThat(limit.path("evidence").path("in_flight_max").doubleValue()).isBetween(5.0, 8.5);
      assertThat(s.path("ended_on").stringValue()).isEqualTo("latency_slo");
    }
  }

  @Test
  void aCpuBoundServerEndsOnTheLatencySloWithItsCoresInTheEvidence() throws Exception {
    // One core for the server's steps (20 ms of spinning each: at most 50 steps/s), the other
    // left to the harness. The server says so on /metrics (system_cpu_count 1).
    ProcessBuilder b =
        ServeProcess.builder("--port", "0", "--step-cpu-ms", "20", "--max-concurrent-envs", "1000");
    b.command().add(1, "-XX:ActiveProcessorCount=1");
    try (ServeProcess serve = ServeProcess.start(b)) {
      JsonNode s = capacity(serve.url, "--start", "8", "--max-sessions", "512");
      assertThat(s.path("ended_on").stringValue()).as(s.toString()).isEqualTo("latency_slo");
      assertThat(s.path("capacity").intValue()).isBetween(1, 200);
      JsonNode limit = s.path("limiting_factor");
      assertThat(limit.path("phase").stringValue()).isEqualTo("step");
      JsonNode evidence = limit.path("evidence");
      assertThat(evidence.path("server_cores").intValue()).isEqualTo(1);
      assertThat(evidence.path("server_cores_source").stringValue()).contains("system_cpu_count");
      double busy = evidence.path("server_cores_busy").doubleValue();
      assertThat(busy).as("its CPU over the probe's wall time").isPositive();
      // The spin is wall time: on a quiet machine it keeps the core busy and the CPU is named;
      // on a machine shared with other work the server gets a share of its core, and the limit
      // is then what the steps show (a plateau), with the cores busy said in the sentence.
      if (busy >= 0.8) {
        assertThat(limit.path("kind").stringValue()).as(limit.toString()).isEqualTo("server_cpu");
        assertThat(limit.path("text").stringValue())
            .contains("the server's CPU (", " of 1 core busy at N=", "total p99 ");
      } else {
        assertThat(limit.path("kind").stringValue())
            .as(limit.toString())
            .isIn("hidden_limiter", "latency_slo");
        assertThat(limit.path("text").stringValue()).contains("server CPU ", " of 1 core busy");
      }
    }
  }

  @Test
  void aHarnessBusyDecodingMegabytesGivesALowerBound() throws Exception {
    // Every reply carries 4 MB that the harness parses on its event loops: they fall behind (the
    // self-monitor's lag probe sees it), so a failing probe may be the harness's doing. (At 1 MB
    // a quiet machine's harness kept up at the fail end, and the test depended on the load.)
    try (ServeProcess serve =
        ServeProcess.start(
            "--port", "0", "--observation-bytes", "4000000", "--max-concurrent-envs", "1000")) {
      JsonNode s = capacity(serve.url, "--start", "4", "--max-sessions", "32", "--p99-slo", "0.6");
      assertThat(s.path("lower_bound").booleanValue()).as(s.toString()).isTrue();
      assertThat(s.path("sentence").stringValue()).contains("LOWER BOUND", "--processes");
      assertThat(s.path("probes"))
          .anyMatch(
              p -> !p.path("passed").booleanValue() && p.path("harness_saturated").booleanValue());
    }
  }

  @Test
  void aThresholdJoinsTheCriteriaIsNamedAsTheLimitAndGoesToJunit() throws Exception {
    // With --barrier every session is open at once, so peak_concurrency is N: the bound caps N
    // below any limit of the server's, and the search must stop just under 20 because of it.
    Path junit = dir.resolve("capacity-junit.xml");
    int capacity;
    String shown;
    try (ServeProcess serve = ServeProcess.start("--port", "0", "--max-concurrent-envs", "1000")) {
      JsonNode s =
          capacity(
              serve.url,
              "--start",
              "8",
              "--max-sessions",
              "64",
              "--threshold",
              "peak_concurrency<20",
              "--junit",
              junit.toString());
      capacity = s.path("capacity").intValue();
      assertThat(capacity).as(s.toString()).isBetween(17, 19);
      // On a loaded machine the harness may be saturated in the failing probes: the answer is then
      // a lower bound, shown as such by report.
      shown = (s.path("lower_bound").booleanValue() ? "≥ " : "") + capacity;
      assertThat(s.path("ended_on").stringValue()).isEqualTo("threshold");
      JsonNode limit = s.path("limiting_factor");
      assertThat(limit.path("kind").stringValue()).isEqualTo("threshold");
      assertThat(limit.path("evidence").path("threshold").stringValue())
          .startsWith("threshold peak_concurrency<20: peak_concurrency = ");
      assertThat(s.path("sentence").stringValue()).contains("peak_concurrency<20");
    }
    // The answer's configuration met it: one passing test case, at the capacity's N.
    String xml = Files.readString(junit);
    assertThat(xml).contains("tests=\"1\"", "failures=\"0\"", "name=\"peak_concurrency&lt;20\"");

    // report reads the folder's capacity.json: the search's answer leads the grid's max batch
    // of the same probes in the verdict.
    Path report = dir.resolve("report");
    Cli.Result r = Cli.run("report", dir.toString(), "--output", report.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> verdict = Files.readAllLines(report.resolve("verdict.csv"));
    assertThat(verdict.get(1))
        .startsWith(dir.getFileName() + ",ws,\"1 step, barrier\",0.2," + shown + ",")
        .contains("\"threshold peak_concurrency<20: peak_concurrency = ")
        .endsWith(",capacity search,\"success ≥ 0.95, total p99 ≤ 1.4 s, peak_concurrency<20\"");
    assertThat(verdict.get(2))
        .endsWith(",max batch of the grid,\"success ≥ 0.95, total p99 ≤ 1.4 s\"");
    assertThat(Files.readString(report.resolve("report.html")))
        .contains("<td>capacity search</td>");
  }

  @Test
  void aMistypedThresholdIsRefusedWithTheValidNamesBeforeAnyLoad() {
    Cli.Result r =
        Cli.run(
            "capacity",
            "-u",
            "http://127.0.0.1:1",
            "-w",
            "0.2",
            "--threshold",
            "totl.p99<2s",
            "-o",
            dir.toString());
    assertThat(r.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(r.err()).contains("unknown metric totl.p99", "total.p99", "success_rate");
    assertThat(Files.exists(dir.resolve("summary.csv"))).isFalse();
  }

  @Test
  void refusesToGuessAnSloForWaitZeroBeforeAnyLoad() {
    Cli.Result r = Cli.run("capacity", "-u", "http://127.0.0.1:1", "-w", "0", "-o", dir.toString());
    assertThat(r.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(r.err()).contains("give --p99-slo SECONDS");
    assertThat(Files.exists(dir.resolve("capacity.json"))).isFalse();
  }
}
