package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.SessionRecord;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A proxy's 429 and 503 over real sockets, on HTTP requests and on the WebSocket upgrade: their own
 * error kinds, with the Retry-After the proxy sent.
 */
class ProxyAnswersTest {
  private final List<SessionRecord> rows = new CopyOnWriteArrayList<>();

  private CellSummary cell(TestWsServer server, CellPlan.Mode mode, int n)
      throws InterruptedException {
    CellPlan plan =
        new CellPlan(
            mode,
            List.of(Target.parse(server.url())),
            n,
            0.1,
            1,
            1,
            0,
            false,
            30,
            null,
            null,
            Workload.BENCHMARK);
    try (ClientTransport transport = new ClientTransport(1, List.of())) {
      return TestRuns.cell(transport, plan, rows);
    }
  }

  private static FullHttpResponse answer(HttpResponseStatus status, String retryAfter) {
    byte[] body = "{\"error\":\"slow down\"}".getBytes(StandardCharsets.UTF_8);
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (retryAfter != null) r.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfter);
    return r;
  }

  @Test
  void a_429_to_http_requests_is_rate_limited_with_its_retry_after() throws Exception {
    try (TestWsServer server = new TestWsServer(null)) {
      server.refuseWith.set(answer(HttpResponseStatus.TOO_MANY_REQUESTS, "7"));

      CellSummary s = cell(server, CellPlan.Mode.HTTP, 3);

      assertThat(s.errors()).containsExactly(java.util.Map.entry("rate_limited:HTTP_429", 3));
      assertThat(rows)
          .hasSize(3)
          .allSatisfy(
              r -> {
                assertThat(r.get(RawFields.ERROR_TYPE)).isEqualTo("rate_limited");
                assertThat(r.get(RawFields.ERROR_CODE)).isEqualTo("HTTP_429");
                assertThat(r.get(RawFields.RETRY_AFTER)).isEqualTo("7");
              });
    }
  }

  @Test
  void a_503_to_the_websocket_upgrade_is_unavailable_with_its_retry_after() throws Exception {
    try (TestWsServer server = new TestWsServer(null)) {
      String date = "Wed, 02 Dec 2026 14:00:00 GMT";
      server.refuseWith.set(answer(HttpResponseStatus.SERVICE_UNAVAILABLE, date));

      CellSummary s = cell(server, CellPlan.Mode.WS, 2);

      assertThat(s.errors()).containsExactly(java.util.Map.entry("unavailable:HTTP_503", 2));
      assertThat(rows).extracting(r -> r.get(RawFields.RETRY_AFTER)).containsOnly(date);
    }
  }

  @Test
  void other_refusals_keep_their_kinds_and_no_retry_after() throws Exception {
    try (TestWsServer server = new TestWsServer(null)) {
      server.refuseWith.set(answer(HttpResponseStatus.FORBIDDEN, "5"));

      assertThat(cell(server, CellPlan.Mode.HTTP, 1).errors())
          .containsOnlyKeys("http_status:HTTP_403");
      assertThat(cell(server, CellPlan.Mode.WS, 1).errors())
          .containsOnlyKeys("ws_handshake:HTTP_403");
      assertThat(rows).extracting(r -> r.get(RawFields.RETRY_AFTER)).containsOnlyNulls();
    }
  }
}
