package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.protocol.WsDrop;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Pings, the pong timeout and the idle timeout over real sockets (docs/server.md "Slot rules"),
 * with short option values. Timing is asserted only as generous bounds.
 */
class KeepaliveTest {
  private static ServerFixture start(double pingSeconds, double pongSeconds, double idleSeconds)
      throws InterruptedException {
    return ServerFixture.start(
        ServerConfig.of("127.0.0.1", 0, 10)
            .withSlotRules(SlotRules.of(pingSeconds, pongSeconds, idleSeconds, 0)));
  }

  @Test
  void aClientThatNeverAnswersPingsIsDroppedWith1011AndItsSlotFreed() throws Exception {
    try (ServerFixture fixture = start(1, 3, 0);
        RawWsClient silent = RawWsClient.connect(fixture.url())) {
      silent.sendText("{\"type\":\"reset\"}");
      assertThat(silent.nextText()).startsWith("{\"type\":\"observation\"");

      RawWsClient.Closed closed = silent.awaitClose();

      assertThat(closed.code()).isEqualTo(1011);
      assertThat(closed.reason()).isEqualTo("no pong within 3 s");
      assertThat(closed.pingsBefore()).as("pings sent before the drop").isPositive();
      fixture.awaitNoSessions();
      assertThat(fixture.server.metrics().dropped(WsDrop.PONG_TIMEOUT)).isEqualTo(1);
      assertThat(fixture.get("/metrics").body())
          .containsPattern(
              "(?m)^openenv_sessions_dropped_total\\{pid=\"\\d+\",reason=\"pong_timeout\"} 1\\.0$");
      assertThat(silent.awaitEndOfStream()).as("connection closed by the server").isTrue();
    }
  }

  @Test
  void aClientThatAnswersPingsKeepsItsSessionThroughAStepLongerThanThePongTimeout()
      throws Exception {
    try (ServerFixture fixture = start(0.5, 1, 0);
        WsTestClient ws = WsTestClient.connect(fixture.url())) {
      // The JDK's client answers pings by itself; the server reads them during the step.
      String reply = ws.call("{\"type\":\"step\",\"data\":{\"wait_seconds\":4}}");

      assertThat(reply).contains("\"waited_seconds\":4.0");
      assertThat(ws.call("{\"type\":\"state\"}")).startsWith("{\"type\":\"state\"");
      assertThat(ws.closedByServer()).isFalse();
      assertThat(fixture.server.metrics().dropped(WsDrop.PONG_TIMEOUT)).isZero();
    }
  }

  @Test
  void aClientThatAnswersPingsButSendsNothingIsClosedAsIdleWith1001() throws Exception {
    try (ServerFixture fixture = start(0.5, 5, 2);
        WsTestClient ws = WsTestClient.connect(fixture.url())) {
      // A step longer than the idle timeout is not idleness: the client is waiting for us.
      assertThat(ws.call("{\"type\":\"step\",\"data\":{\"wait_seconds\":3}}"))
          .contains("\"waited_seconds\":3.0");

      WsTestClient.Closed closed = ws.awaitClosed(Duration.ofSeconds(20));

      assertThat(closed).isEqualTo(new WsTestClient.Closed(1001, "idle for 2 s"));
      fixture.awaitNoSessions();
      assertThat(fixture.server.metrics().dropped(WsDrop.IDLE_TIMEOUT)).isEqualTo(1);
      assertThat(fixture.server.metrics().dropped(WsDrop.PONG_TIMEOUT)).isZero();
    }
  }

  @Test
  void withPingsOffTheIdleTimeoutStillClosesAndNoPingIsSent() throws Exception {
    try (ServerFixture fixture = start(0, 60, 1);
        RawWsClient silent = RawWsClient.connect(fixture.url())) {
      silent.sendText("{\"type\":\"reset\"}");
      assertThat(silent.nextText()).startsWith("{\"type\":\"observation\"");

      assertThat(silent.awaitClose()).isEqualTo(new RawWsClient.Closed(1001, "idle for 1 s", 0));
      fixture.awaitNoSessions();
    }
  }

  @Test
  void byDefaultTheServerPingsAndHasNoIdleTimeout() {
    assertThat(ServerConfig.of("127.0.0.1", 0, 1).slotRules())
        .isEqualTo(new SlotRules(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ZERO, 0));
  }
}
