package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * 2,000 WebSocket sessions sleeping in {@code step} at the same moment on one server process. "At
 * the same moment" is read from the server's own in-flight gauge, not inferred from timing: each
 * step sleeps 60 s, far longer than opening all sessions takes, and the test ends as soon as the
 * gauge shows all 2,000.
 */
class ConcurrentSleepersTest {
  static final int SESSIONS = 2_000;

  @Test
  void twoThousandSessionsStepAtOnce() throws Exception {
    ServerConfig config =
        ServerConfig.of("127.0.0.1", 0, SESSIONS).withShutdownGrace(Duration.ZERO);
    HttpClient http = HttpClient.newHttpClient();
    List<WebSocket> sockets = new ArrayList<>();
    try (ServerFixture fixture = ServerFixture.start(config)) {
      URI ws = URI.create(fixture.url().replaceFirst("^http", "ws") + "/ws");
      List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        opening.add(
            http.newWebSocketBuilder()
                .buildAsync(
                    ws,
                    new WebSocket.Listener() {
                      @Override
                      public CompletionStage<?> onText(
                          WebSocket w, CharSequence data, boolean last) {
                        w.request(1);
                        return null;
                      }
                    }));
      }
      for (CompletableFuture<WebSocket> f : opening) {
        WebSocket socket = f.join();
        sockets.add(socket);
        socket.sendText("{\"type\":\"step\",\"data\":{\"wait_seconds\":60}}", true);
      }
      ServerFixture.awaitGauge(
          "steps in flight",
          fixture.server.metrics()::stepsInFlight,
          SESSIONS,
          Duration.ofSeconds(60));
      assertThat(fixture.server.metrics().activeSessions()).isEqualTo(SESSIONS);
      sockets.forEach(WebSocket::abort);
      fixture.awaitNoSessions();
    } finally {
      sockets.forEach(WebSocket::abort);
      http.close();
    }
  }
}
