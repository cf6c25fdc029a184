package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.openenvbench.server.ServerMetrics;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The search for a server's workers before a cell, over real HTTP: {@code /metrics} answered by
 * whichever worker the kernel picks, so a few scrapes find them all.
 */
class ServerSideMetricsSearchTest {
  /**
   * The first scrape finds one worker; of the next round, sent at once, only one is answered (by
   * the other worker) and the rest refused, as a busy server may: that one answer still counts.
   */
  @Test
  void a_scrape_left_unanswered_does_not_end_the_search_for_workers() throws Exception {
    String page = new ServerMetrics().scrape();
    String own = "pid=\"" + ProcessHandle.current().pid() + "\"";
    assertThat(page).contains(own);
    AtomicInteger asked = new AtomicInteger();
    ServerSideMetrics.Before b =
        searchAt(
            "/metrics",
            ex -> {
              int n = asked.getAndIncrement();
              // Round two is requests 1 to 12; its answer is in the middle, however they arrive.
              if (n != 0 && n != 7) answer(ex, 503, null);
              else answer(ex, 200, page.replace(own, "pid=\"" + (n == 0 ? 1 : 2) + "\""));
            });
    assertThat(b.byPid()).containsOnlyKeys(1L, 2L);
    assertThat(b.pidsByTarget().values()).singleElement().isEqualTo(Set.of(1L, 2L));
  }

  /**
   * Every scrape comes on a connection of its own, or behind {@code serve --workers} the kernel's
   * choice of worker would be made once per pooled connection, not once per scrape.
   */
  @Test
  void every_scrape_comes_on_a_connection_of_its_own() throws Exception {
    String page = new ServerMetrics().scrape();
    Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    AtomicInteger asked = new AtomicInteger();
    ServerSideMetrics.Before b =
        searchAt(
            "/metrics",
            ex -> {
              asked.incrementAndGet();
              clientPorts.add(ex.getRemoteAddress().getPort());
              answer(ex, 200, page);
            });
    assertThat(b.byPid()).containsOnlyKeys(ProcessHandle.current().pid());
    // One worker found, then QUIET scrapes in a row that find no other.
    assertThat(asked).hasValue(1 + ServerSideMetrics.QUIET);
    assertThat(clientPorts).hasSize(asked.get());
  }

  @Test
  void a_server_without_metrics_is_asked_once() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    ServerSideMetrics.Before b =
        searchAt(
            "/",
            ex -> {
              asked.incrementAndGet();
              answer(ex, 404, null);
            });
    assertThat(b.byPid()).isEmpty();
    assertThat(asked).hasValue(1);
  }

  /**
   * The search for workers against a real HTTP server whose {@code path} {@code handler} serves.
   */
  private static ServerSideMetrics.Before searchAt(String path, HttpHandler handler)
      throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    http.createContext(path, handler);
    http.start();
    try (ClientTransport transport = new ClientTransport(1, List.of())) {
      Target t = Target.parse("http://127.0.0.1:" + http.getAddress().getPort());
      return new ServerSideMetrics(List.of(t), RequestHeaders.NONE, transport).before();
    } finally {
      http.stop(0);
    }
  }

  private static void answer(HttpExchange ex, int status, String body) throws java.io.IOException {
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes == null ? -1 : bytes.length);
    if (bytes != null) ex.getResponseBody().write(bytes);
    ex.close();
  }
}
