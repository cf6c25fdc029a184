package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Session cap and environment faults over real sockets (docs/protocol.md §5.4, §6). */
class SessionLimitsTest {
  private static final ServerConfig TWO_SESSIONS = ServerConfig.of("127.0.0.1", 0, 2);

  @Test
  void theSessionPastTheCapGetsCapacityReachedThenClose1000() throws Exception {
    try (ServerFixture fixture = ServerFixture.start(TWO_SESSIONS);
        WsTestClient first = WsTestClient.connect(fixture.url());
        WsTestClient second = WsTestClient.connect(fixture.url())) {
      first.call("{\"type\":\"reset\"}");
      second.call("{\"type\":\"reset\"}");
      try (WsTestClient third = WsTestClient.connect(fixture.url())) {
        // the handshake succeeds; the error arrives before the client sends anything
        assertThat(third.next())
            .isEqualTo(
                "{\"type\":\"error\",\"data\":{\"message\":\"Server at capacity: 2/2 sessions active. Cannot accept new connections.\",\"code\":\"CAPACITY_REACHED\",\"active_sessions\":2,\"max_sessions\":2}}");
        assertThat(third.awaitClose()).isEqualTo(1000);
      }
      assertThat(fixture.get("/metrics").body())
          .containsPattern("(?m)^openenv_capacity_rejections_total\\{pid=\"\\d+\"} 1\\.0$");
      first.send("{\"type\":\"close\"}");
      first.awaitClose();
      ServerFixture.awaitGauge("active sessions", fixture.server.metrics()::activeSessions, 1);
      try (WsTestClient fourth = WsTestClient.connect(fixture.url())) {
        assertThat(fourth.call("{\"type\":\"reset\"}")).startsWith("{\"type\":\"observation\"");
      }
    }
  }

  @Test
  void httpIsNotLimitedByTheSessionCap() throws Exception {
    try (ServerFixture fixture = ServerFixture.start(ServerConfig.of("127.0.0.1", 0, 1));
        WsTestClient holder = WsTestClient.connect(fixture.url())) {
      holder.call("{\"type\":\"reset\"}");
      HttpResponse<String> step = fixture.post("/step", "{\"action\":{\"wait_seconds\":0}}");
      assertThat(step.statusCode()).isEqualTo(200);
    }
  }

  /** A factory that may block runs on a thread of its own; one that says it never does, inline. */
  @ParameterizedTest(name = "creates at once: {0}")
  @ValueSource(booleans = {false, true})
  void aFailingFactoryGivesFactoryErrorAndFreesTheSlot(boolean atOnce) throws Exception {
    AtomicReference<FaultyEnvironmentType> type = new AtomicReference<>();
    try (ServerFixture fixture =
            new ServerFixture(
                BenchServer.start(
                    TWO_SESSIONS,
                    host -> {
                      type.set(new FaultyEnvironmentType(host, true, atOnce));
                      return type.get();
                    }));
        WsTestClient ws = WsTestClient.connect(fixture.url())) {
      assertThat(ws.next())
          .isEqualTo(
              "{\"type\":\"error\",\"data\":{\"message\":\"Environment factory 'FaultyEnvironment' failed to create instance.\",\"code\":\"FACTORY_ERROR\",\"factory_name\":\"FaultyEnvironment\"}}");
      assertThat(ws.awaitClose()).isEqualTo(1000);
      fixture.awaitNoSessions();
      assertThat(type.get().createdOnAThread).isEqualTo(!atOnce);
      assertThat(fixture.post("/reset", null).statusCode()).isEqualTo(500);
      assertThat(fixture.post("/reset", null).body()).isEqualTo("Internal Server Error");
    }
  }

  @Test
  void anExceptionInStepIsAnExecutionErrorAndTheSessionGoesOn() throws Exception {
    try (ServerFixture fixture =
            new ServerFixture(
                BenchServer.start(TWO_SESSIONS, host -> new FaultyEnvironmentType(host, false)));
        WsTestClient ws = WsTestClient.connect(fixture.url())) {
      assertThat(ws.call("{\"type\":\"step\",\"data\":{\"wait_seconds\":0.5}}"))
          .isEqualTo(
              "{\"type\":\"error\",\"data\":{\"message\":\"step exploded\",\"code\":\"EXECUTION_ERROR\"}}");
      assertThat(ws.call("{\"type\":\"step\",\"data\":{\"wait_seconds\":0}}"))
          .contains("\"step_count\":1");
      assertThat(fixture.post("/step", "{\"action\":{\"wait_seconds\":0.5}}").statusCode())
          .isEqualTo(500);
    }
  }
}
