package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
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
      awaitMetric(serve.url, "openenv_steps_in_flight", 1);
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
      Set<Long> pids = pidsServing(serve.url, 2, Duration.ofSeconds(30));
      assertThat(pids).hasSize(2);
      long victim = pids.iterator().next();
      ProcessHandle.of(victim).orElseThrow().destroyForcibly();
      Set<Long> after = new HashSet<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!(after.size() == 2 && !after.contains(victim)) && System.nanoTime() < deadline) {
        after = pidsServing(serve.url, 2, Duration.ofSeconds(5));
        after.remove(victim);
      }
      assertThat(after).as("a replacement worker serves").hasSize(2).doesNotContain(victim);
      assertThat(serve.terminate()).isZero();
      assertThat(serve.process.descendants().filter(ProcessHandle::isAlive).count()).isZero();
    }
  }

  /** Distinct pids seen by fresh connections, until {@code wanted} or the timeout. */
  private static Set<Long> pidsServing(String url, int wanted, Duration timeout) throws Exception {
    Set<Long> pids = new HashSet<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pids.size() < wanted && System.nanoTime() < deadline) {
      try (WsTestClient ws = WsTestClient.connect(url)) {
        Matcher m = PID.matcher(ws.call("{\"type\":\"reset\"}"));
        if (m.find()) {
          pids.add(Long.parseLong(m.group(1)));
        }
      } catch (RuntimeException connectFailed) {
        // a worker is being replaced; try again
      }
    }
    return pids;
  }

  private static void awaitMetric(String url, String gauge, int value) throws Exception {
    Pattern line = Pattern.compile("(?m)^" + gauge + "\\{[^}]*} " + value + "\\.0$");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      String body =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (line.matcher(body).find()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(gauge + " never reached " + value);
  }
}
