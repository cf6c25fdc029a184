package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code serve} as a process: graceful SIGTERM and {@code --workers}. */
class ServeProcessTest {
  private static final Pattern PID = Pattern.compile("\"pid\":(\\d+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void sigtermLetsTheRunningStepFinishThenClosesWith1001AndExits0() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--port", "0", "--shutdown-grace-seconds", "20");
        WsTestClient ws = WsTestClient.connect(serve.url)) {
      ws.call("{\"type\":\"reset\"}");
      ws.send("{\"type\":\"step\",\"data\":{\"wait_seconds\":2}}");
      awaitMetric(serve.url, "openenv_steps_in_flight", 1.0);
      serve.process.destroy(); // SIGTERM while the step sleeps
      assertThat(ws.next()).contains("\"type\":\"observation\"", "\"waited_seconds\":2.0");
      assertThat(ws.awaitClose()).isEqualTo(1001);
      assertThat(serve.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(serve.process.exitValue()).isZero();
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
                pidOfAFreshSession(serve.url).ifPresent(pids::add);
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
                pidOfAFreshSession(serve.url).filter(pid -> pid != victim).ifPresent(after::add);
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

  /** The pid a fresh connection's reset reports; empty while a worker is being replaced. */
  private static Optional<Long> pidOfAFreshSession(String url) throws InterruptedException {
    try (WsTestClient ws = WsTestClient.connect(url)) {
      Matcher m = PID.matcher(ws.call("{\"type\":\"reset\"}"));
      return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    } catch (RuntimeException connectFailed) {
      return Optional.empty();
    }
  }

  private static void awaitMetric(String url, String gauge, double value) {
    await(gauge + " on /metrics")
        .atMost(Duration.ofSeconds(10))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(() -> assertThat(metric(url, gauge)).as(gauge).isEqualTo(value));
  }

  /** The value of {@code gauge} on {@code /metrics}, or null when it is not there. */
  private static Double metric(String url, String gauge) throws Exception {
    String body =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(gauge) + "\\{[^}]*} (\\S+)$").matcher(body);
    return m.find() ? Double.valueOf(m.group(1)) : null;
  }
}
