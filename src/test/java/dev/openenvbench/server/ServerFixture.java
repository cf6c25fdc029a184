package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntSupplier;

/** A real benchmark server on a free loopback port, plus small HTTP helpers for tests. */
final class ServerFixture implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  final BenchServer server;

  ServerFixture(BenchServer server) {
    this.server = server;
  }

  static ServerFixture start(int maxConcurrentEnvs) throws InterruptedException {
    return start(ServerConfig.of("127.0.0.1", 0, maxConcurrentEnvs));
  }

  static ServerFixture start(ServerConfig config) throws InterruptedException {
    return new ServerFixture(BenchServer.startBenchmark(config));
  }

  String url() {
    return server.url();
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs {@code body} as {@code application/json}, or nothing at all when it is null. */
  HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body, body == null ? null : "application/json");
  }

  HttpResponse<String> post(String path, String body, String contentType) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path));
    if (contentType != null) {
      request.header("content-type", contentType);
    }
    request.POST(
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits (up to 10 s) until {@code gauge} reads {@code expected}; fails with the last value. */
  static void awaitGauge(String name, IntSupplier gauge, int expected) {
    awaitGauge(name, gauge, expected, Duration.ofSeconds(10));
  }

  static void awaitGauge(String name, IntSupplier gauge, int expected, Duration timeout) {
    await(name)
        .atMost(timeout)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .untilAsserted(() -> assertThat(gauge.getAsInt()).as(name).isEqualTo(expected));
  }

  void awaitNoSessions() {
    awaitGauge("active sessions", server.metrics()::activeSessions, 0);
  }

  @Override
  public void close() {
    server.close();
  }
}
