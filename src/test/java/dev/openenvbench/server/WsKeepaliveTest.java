package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.protocol.WsDrop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link WsKeepalive} on an {@link EmbeddedChannel} whose clock the test moves: what it writes at
 * each tick, and when it drops a peer. The peer's bytes and the session's state are set by hand.
 */
class WsKeepaliveTest {
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong dataBytes = new AtomicLong();
  private final AtomicBoolean answering = new AtomicBoolean();
  private final ServerMetrics metrics = new ServerMetrics();

  private EmbeddedChannel channel(double pingSeconds, double pongSeconds, double idleSeconds) {
    SlotRules rules = SlotRules.of(pingSeconds, pongSeconds, idleSeconds, 0);
    return new EmbeddedChannel(
        new WsKeepalive(rules, bytes::get, dataBytes::get, answering::get, metrics));
  }

  /** Moves the clock by {@code millis} and returns what the handler wrote meanwhile. */
  private static List<Object> after(EmbeddedChannel channel, long millis) {
    channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    List<Object> written = new ArrayList<>();
    for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
      written.add(o);
    }
    return written;
  }

  @Test
  void aSilentPeerGetsAPingEachSecondAndIsDroppedThreeSecondsAfterTheFirst() {
    EmbeddedChannel channel = channel(1, 3, 0);

    assertThat(after(channel, 1000)).singleElement().isInstanceOf(PingWebSocketFrame.class);
    assertThat(after(channel, 1000)).singleElement().isInstanceOf(PingWebSocketFrame.class);
    assertThat(after(channel, 1000)).singleElement().isInstanceOf(PingWebSocketFrame.class);
    List<Object> drop = after(channel, 1000);

    assertThat(drop).singleElement().isInstanceOf(CloseWebSocketFrame.class);
    CloseWebSocketFrame close = (CloseWebSocketFrame) drop.getFirst();
    assertThat(close.statusCode()).isEqualTo(1011);
    assertThat(close.reasonText()).isEqualTo("no pong within 3 s");
    assertThat(channel.isOpen()).isFalse();
    assertThat(metrics.dropped(WsDrop.PONG_TIMEOUT)).isEqualTo(1);
  }

  @Test
  void aPeerThatAnswersEachPingIsKeptAsLongAsItAnswers() {
    EmbeddedChannel channel = channel(1, 3, 0);
    for (int tick = 0; tick < 20; tick++) {
      assertThat(after(channel, 1000)).singleElement().isInstanceOf(PingWebSocketFrame.class);
      bytes.addAndGet(6); // its pong
    }
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aPeerThatKeepsSendingMessagesIsNeverPinged() {
    EmbeddedChannel channel = channel(1, 3, 0);
    for (int i = 0; i < 20; i++) {
      channel.writeInbound(new TextWebSocketFrame("{}"));
      assertThat(channel.<Object>readInbound()).isNotNull();
      assertThat(after(channel, 600)).isEmpty();
    }
  }

  @Test
  void aPeerWhoseNextMessageWaitsUnreadIsNotJudged() {
    EmbeddedChannel channel = channel(1, 3, 0);
    channel.config().setAutoRead(false); // a message waits its turn: the server is not reading
    for (int tick = 0; tick < 10; tick++) {
      assertThat(after(channel, 1000)).singleElement().isInstanceOf(PingWebSocketFrame.class);
    }
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aPeerThatAnswersPingsButSendsNothingIsClosedAfterTheIdleTimeoutNeverBefore() {
    EmbeddedChannel channel = channel(1, 60, 3);
    channel.writeInbound(new TextWebSocketFrame("{}")); // its last message, at 0 s
    channel.readInbound();
    // The tick at 1 s sees that message and counts from there (later than it came: never early).
    for (int tick = 1; tick <= 3; tick++) {
      assertThat(after(channel, 1000))
          .as("tick at %d s", tick)
          .singleElement()
          .isInstanceOf(PingWebSocketFrame.class);
      bytes.addAndGet(6);
    }
    List<Object> last = after(channel, 1000);

    CloseWebSocketFrame close = (CloseWebSocketFrame) last.getFirst();
    assertThat(List.of(close.statusCode(), close.reasonText()))
        .containsExactly(1001, "idle for 3 s");
    assertThat(channel.isOpen()).isFalse();
    assertThat(metrics.dropped(WsDrop.IDLE_TIMEOUT)).isEqualTo(1);
  }

  @Test
  void aSessionWaitingForItsReplyOrReceivingAMessageIsNotIdle() {
    EmbeddedChannel channel = channel(1, 60, 3);
    answering.set(true); // a long step
    for (int tick = 0; tick < 10; tick++) {
      after(channel, 1000);
      bytes.addAndGet(6);
    }
    answering.set(false);
    for (int tick = 0; tick < 10; tick++) {
      after(channel, 1000);
      bytes.addAndGet(1000);
      dataBytes.addAndGet(1000); // a large message on its way, slowly
    }
    assertThat(channel.isOpen()).isTrue();
  }
}
