package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
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

  private HttpServer http;

  @Test
  void a_port_that_refuses_stops_the_run_at_once() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    AbortSignal abort = new AbortSignal();
    long t0 = System.nanoTime();
    watch("http://127.0.0.1:" + port, abort, () -> 0, Duration.ofSeconds(30));
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
    String url =
        health(
            ex -> {
              if (asked.incrementAndGet() <= 2) sleep(3_000);
              ex.sendResponseHeaders(200, -1);
              ex.close();
            });
    AbortSignal abort = new AbortSignal();
    watch(url, abort, () -> 0, Duration.ofSeconds(30));
    assertThat(abort.triggered()).isFalse();
    assertThat(asked.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void a_server_that_never_answers_is_gone_after_the_patience() throws Exception {
    String url = health(ex -> sleep(60_000));
    AbortSignal abort = new AbortSignal();
    watch(url, abort, () -> 0, Duration.ofSeconds(3));
    assertThat(abort.reason())
        .isEqualTo(
            "no server answered /health for 3 s (" + url + "): gone, or too overloaded to answer");
  }

  @Test
  void another_status_is_gone_at_once() throws Exception {
    String url =
        health(
            ex -> {
              ex.sendResponseHeaders(503, -1);
              ex.close();
            });
    AbortSignal abort = new AbortSignal();
    watch(url, abort, () -> 0, Duration.ofSeconds(30));
    assertThat(abort.reason()).startsWith("no server answers /health any more");
  }

  /**
   * Its /health never answers in time, as behind an accept queue full of a connect storm, but the
   * cell's sessions still get replies: the server is there.
   */
  @Test
  void sessions_answered_during_the_probe_say_the_server_is_there() throws Exception {
    String url = health(ex -> sleep(60_000));
    AbortSignal abort = new AbortSignal();
    AtomicInteger replies = new AtomicInteger();
    long t0 = System.nanoTime();
    // One more reply each time the watch reads the count.
    watch(url, abort, replies::incrementAndGet, Duration.ofSeconds(30));
    assertThat(abort.triggered()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @AfterEach
  void stopServer() {
    if (http != null) http.stop(0);
  }

  /** A lost session, then the watch's verdict on {@code url}. */
  private static void watch(String url, AbortSignal abort, LongSupplier answers, Duration patience)
      throws InterruptedException {
    ServerWatch w =
        new ServerWatch(List.of(Target.parse(url)), RequestHeaders.NONE, abort, answers, patience);
    w.onFailure(CLOSED);
    w.awaitProbe();
  }

  /** Starts this test's server, {@code handler} answering its /health; returns its URL. */
  private String health(com.sun.net.httpserver.HttpHandler handler) throws Exception {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    http.createContext("/health", handler);
    http.start();
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
