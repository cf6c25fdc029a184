package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

import dev.openenvbench.cli.Main;
import dev.openenvbench.launch.ProcessState;
import dev.openenvbench.launch.ServeArgs;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A child never outlives its parent: a {@code serve} that ChildJvm started stops when its parent
 * dies, however it dies, as it would on SIGTERM; a {@code serve} a user started never stops because
 * its standard input closed.
 */
class ParentDeathTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void kill_9_of_the_supervisor_stops_both_workers_and_frees_the_port() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--port", "0", "--workers", "2")) {
      List<ProcessHandle> workers = serve.process.children().toList();
      assertThat(workers).as("workers of the supervisor").hasSize(2);

      serve.process.destroyForcibly(); // SIGKILL: the supervisor can do nothing about it

      await("both workers exited")
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(workers).as("workers").allMatch(ProcessState::exited));
      await("the port free again")
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThatNoException()
                      .isThrownBy(() -> PortClaim.requireFree("127.0.0.1", serve.port())));
    }
  }

  @Test
  void a_childjvm_serve_whose_parent_pipe_closes_stops_as_on_sigterm() throws Exception {
    Process child =
        Main.childJvm()
            .processBuilder(ServeArgs.serve().port(0).shutdownGraceSeconds(20).build())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (ServeProcess serve = ServeProcess.awaitReady(child);
        WsTestClient ws = WsTestClient.connect(serve.url)) {
      ws.call("{\"type\":\"reset\"}");
      ws.send("{\"type\":\"step\",\"data\":{\"wait_seconds\":2}}");
      ServeProcess.awaitMetric(serve.url, "openenv_steps_in_flight", 1.0);

      // What the kernel does to the pipe when the parent dies, without killing the test JVM.
      child.getOutputStream().close();

      assertThat(ws.next()).contains("\"type\":\"observation\"", "\"waited_seconds\":2.0");
      assertThat(ws.awaitClose()).isEqualTo(1001);
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
      assertThat(child.exitValue()).isZero();
    }
  }

  @Test
  void a_user_started_serve_with_stdin_from_dev_null_keeps_serving() throws Exception {
    ProcessBuilder user =
        ServeProcess.builder("--port", "0").redirectInput(ProcessBuilder.Redirect.from(devNull()));
    try (ServeProcess serve = ServeProcess.start(user)) {
      assertKeepsServing(serve);
    }
  }

  @Test
  void a_user_started_serve_whose_stdin_closes_keeps_serving() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--port", "0")) {
      serve.process.getOutputStream().close(); // as when the shell that started it goes away
      assertKeepsServing(serve);
    }
  }

  private static void assertKeepsServing(ServeProcess serve) {
    await("serving for 3 s")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(serve.process.isAlive()).as("alive").isTrue();
              assertThat(health(serve.url)).isEqualTo(200);
            });
  }

  private static int health(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/health")).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static File devNull() {
    return new File("/dev/null");
  }
}
