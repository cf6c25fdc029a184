package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The watch's verdict on a server after a lost session, over real sockets: gone when its port
 * refuses or it answers another status; alive, however late, while it answers at all within the
 * watch's patience.
 */
@Timeout(60)
class ServerWatchTest {
  private static final SessionFailure CLOSED =
      new SessionFailure.ConnectionClosed("step", "connection closed during step");

  @Test
  void a_port_that_refuses_stops_the_run_at_once() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    AbortSignal abort = new AbortSignal();
    long t0 = System.nanoTime();
    watch("http://127.0.0.1:" + port, abort, Duration.ofSeconds(30));
    assertThat(abort.reason())
        .isEqualTo("no server answers /health any more (http://127.0.0.1:" + port + ")");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  /**
   * The first probes go unanswered past their 2 s timeout, as under a load that starves the server.
   */
  @Test
  void a_server_that_answers_late_is_not_called_gone() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    HttpServer http =
        health(
            ex -> {
              if (asked.incrementAndGet() <= 2) sleep(3_000);
              ex.sendResponseHeaders(200, -1);
              ex.close();
            });
    try {
      AbortSignal abort = new AbortSignal();
      watch(url(http), abort, Duration.ofSeconds(30));
      assertThat(abort.triggered()).isFalse();
      assertThat(asked.get()).isGreaterThanOrEqualTo(3);
    } finally {
      http.stop(0);
    }
  }

  @Test
  void a_server_that_never_answers_is_gone_after_the_patience() throws Exception {
    HttpServer http = health(ex -> sleep(60_000));
    try {
      AbortSignal abort = new AbortSignal();
      watch(url(http), abort, Duration.ofSeconds(3));
      assertThat(abort.reason())
          .isEqualTo(
              "no server answered /health for 3 s ("
                  + url(http)
                  + "): gone, or too overloaded to answer");
    } finally {
      http.stop(0);
    }
  }

  @Test
  void another_status_is_gone_at_once() throws Exception {
    HttpServer http =
        health(
            ex -> {
              ex.sendResponseHeaders(503, -1);
              ex.close();
            });
    try {
      AbortSignal abort = new AbortSignal();
      watch(url(http), abort, Duration.ofSeconds(30));
      assertThat(abort.reason()).startsWith("no server answers /health any more");
    } finally {
      http.stop(0);
    }
  }

  /**
   * Its /health never answers in time, as behind an accept queue full of a connect storm, but the
   * cell's sessions still get replies: the server is there.
   */
  @Test
  void sessions_answered_during_the_probe_say_the_server_is_there() throws Exception {
    HttpServer http = health(ex -> sleep(60_000));
    try {
      AbortSignal abort = new AbortSignal();
      AtomicInteger replies = new AtomicInteger();
      ServerWatch w =
          new ServerWatch(
              List.of(Target.parse(url(http))),
              RequestHeaders.NONE,
              abort,
              replies::incrementAndGet, // one more each time it is read
              Duration.ofSeconds(30));
      long t0 = System.nanoTime();
      w.onFailure(CLOSED);
      w.awaitProbe();
      assertThat(abort.triggered()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    } finally {
      http.stop(0);
    }
  }

  private static void watch(String url, AbortSignal abort, Duration patience)
      throws InterruptedException {
    ServerWatch w =
        new ServerWatch(List.of(Target.parse(url)), RequestHeaders.NONE, abort, () -> 0, patience);
    w.onFailure(CLOSED);
    w.awaitProbe();
  }

  private static HttpServer health(com.sun.net.httpserver.HttpHandler handler) throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    http.createContext("/health", handler);
    http.start();
    return http;
  }

  private static String url(HttpServer http) {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
