package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} as a process: graceful SIGTERM and {@code --workers}. */
class ServeProcessTest {

  @Test
  void sigtermLetsTheRunningStepFinishThenClosesWith1001AndExits0() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--port", "0", "--shutdown-grace-seconds", "20");
        WsTestClient ws = WsTestClient.connect(serve.url)) {
      ws.call("{\"type\":\"reset\"}");
      ws.send("{\"type\":\"step\",\"data\":{\"wait_seconds\":2}}");
      ServeProcess.awaitMetric(serve.url, "openenv_steps_in_flight", 1.0);
      serve.process.destroy(); // SIGTERM while the step sleeps
      assertThat(ws.next()).contains("\"type\":\"observation\"", "\"waited_seconds\":2.0");
      assertThat(ws.awaitClose()).isEqualTo(1001);
      assertThat(serve.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(serve.process.exitValue()).isZero();
    }
  }

  @Test
  void workersEachSayTheirLineWhole(@TempDir Path dir) throws Exception {
    // The workers share the supervisor's stderr: a line written in pieces came out torn into
    // another worker's ("openenv-bench serve: pid openenv-bench serve: pid 17480, OpenEnv ...").
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder b = ServeProcess.builder("--port", "0", "--workers", "3");
    try (ServeProcess serve = ServeProcess.start(b.redirectError(err.toFile()))) {
      await("the three workers' lines")
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(err).split("sessions max").length > 3);
      List<String> lines = Files.readAllLines(err);
      assertThat(lines).allMatch(l -> l.startsWith("openenv-bench serve: "));
      assertThat(lines.stream().filter(l -> l.contains("sessions max")))
          .hasSize(3)
          .allMatch(l -> l.matches("openenv-bench serve: pid \\d+, OpenEnv .* WebSocket messages"));
    }
  }

  @Test
  void workersShareThePortAndADeadWorkerIsReplaced() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--port", "0", "--workers", "2")) {
      Set<Long> pids = new HashSet<>();
      await("both workers answering")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(10))
          .untilAsserted(
              () -> {
                ServeProcess.pidOfAFreshSession(serve.url).ifPresent(pids::add);
                assertThat(pids).as("worker pids seen").hasSize(2);
              });
      long victim = pids.iterator().next();
      ProcessHandle.of(victim).orElseThrow().destroyForcibly();
      Set<Long> after = new HashSet<>();
      await("a replacement worker answering")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(10))
          .untilAsserted(
              () -> {
                ServeProcess.pidOfAFreshSession(serve.url)
                    .filter(pid -> pid != victim)
                    .ifPresent(after::add);
                assertThat(after).as("pids seen since worker " + victim + " died").hasSize(2);
              });
      assertThat(serve.terminate()).isZero();
      assertThat(serve.process.descendants().filter(ProcessHandle::isAlive).count()).isZero();
    }
  }

  @Test
  void workersPingWithTheSupervisorsOptionsAndDropAPeerThatStopsAnswering() throws Exception {
    try (ServeProcess serve =
            ServeProcess.start(
                "--port",
                "0",
                "--workers",
                "2",
                "--ping-seconds",
                "1",
                "--pong-timeout-seconds",
                "2");
        RawWsClient silent = RawWsClient.connect(serve.url)) {
      silent.sendText("{\"type\":\"reset\"}");
      assertThat(silent.nextText()).startsWith("{\"type\":\"observation\"");

      RawWsClient.Closed closed = silent.awaitClose();

      assertThat(List.of(closed.code(), closed.reason()))
          .containsExactly(1011, "no pong within 2 s");
      assertThat(serve.terminate()).isZero();
    }
  }
}
