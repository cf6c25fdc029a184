package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openenvbench.protocol.WsDrop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The memory budget for WebSocket messages still arriving, over real sockets: a client that sends
 * part of a large message and pauses holds memory, and once the budget is in use the next such
 * client is closed with 1013 while the others carry on (docs/server.md "Slot rules").
 */
class ReceiveBudgetTest {
  private static final int KIB = 1024;

  /** A reset message of exactly {@code bytes}, padded with a key the benchmark ignores. */
  private static byte[] resetOf(int bytes) {
    String head = "{\"type\":\"reset\",\"data\":{\"pad\":\"";
    String tail = "\"}}";
    byte[] message = new byte[bytes];
    Arrays.fill(message, (byte) 'x');
    System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, message, 0, head.length());
    System.arraycopy(
        tail.getBytes(StandardCharsets.US_ASCII), 0, message, bytes - tail.length(), tail.length());
    return message;
  }

  private static ServerFixture startWithOneMib() throws InterruptedException {
    return ServerFixture.start(
        ServerConfig.of("127.0.0.1", 0, 10).withSlotRules(SlotRules.of(20, 60, 0, 1)));
  }

  @Test
  void partlyReceivedFramesCountAndTheClientPastTheBudgetGets1013() throws Exception {
    byte[] message = resetOf(900 * KIB);
    try (ServerFixture fixture = startWithOneMib();
        RawWsClient first = RawWsClient.connect(fixture.url());
        RawWsClient second = RawWsClient.connect(fixture.url())) {
      first.sendRaw(RawWsClient.header(true, RawWsClient.Frame.TEXT, message.length));
      first.sendRaw(Arrays.copyOfRange(message, 0, 600 * KIB));
      awaitBuffered(fixture, 600 * KIB);

      second.sendRaw(RawWsClient.header(true, RawWsClient.Frame.TEXT, message.length));
      second.sendRaw(Arrays.copyOfRange(message, 0, 600 * KIB));

      assertRefused(second, fixture);
      first.sendRaw(Arrays.copyOfRange(message, 600 * KIB, message.length));
      assertThat(first.nextText()).startsWith("{\"type\":\"observation\"");
      awaitBuffered(fixture, 0);
    }
  }

  @Test
  void fragmentsOfAnUnfinishedMessageCountToo() throws Exception {
    byte[] message = resetOf(900 * KIB);
    try (ServerFixture fixture = startWithOneMib();
        RawWsClient first = RawWsClient.connect(fixture.url());
        RawWsClient second = RawWsClient.connect(fixture.url())) {
      // A whole first fragment: the decoder is done with it, the aggregator holds it.
      first.sendRaw(RawWsClient.header(false, RawWsClient.Frame.TEXT, 600 * KIB));
      first.sendRaw(Arrays.copyOfRange(message, 0, 600 * KIB));
      awaitBuffered(fixture, 600 * KIB);

      second.sendRaw(RawWsClient.header(true, RawWsClient.Frame.TEXT, message.length));
      second.sendRaw(Arrays.copyOfRange(message, 0, 600 * KIB));

      assertRefused(second, fixture);
      first.sendRaw(RawWsClient.header(true, 0x0, message.length - 600 * KIB));
      first.sendRaw(Arrays.copyOfRange(message, 600 * KIB, message.length));
      assertThat(first.nextText()).startsWith("{\"type\":\"observation\"");
      awaitBuffered(fixture, 0);
    }
  }

  @Test
  void messagesThatArriveWholeReserveNothing() throws Exception {
    try (ServerFixture fixture = startWithOneMib();
        WsTestClient ws = WsTestClient.connect(fixture.url())) {
      for (int i = 0; i < 50; i++) {
        ws.call("{\"type\":\"step\",\"data\":{\"wait_seconds\":0}}");
      }
      assertThat(fixture.server.metrics().receiveBufferedBytes()).isZero();
      assertThat(fixture.get("/metrics").body())
          .containsPattern("(?m)^openenv_ws_receive_buffer_bytes\\{pid=\"\\d+\"} 0\\.0$");
    }
  }

  private static void assertRefused(RawWsClient client, ServerFixture fixture) throws IOException {
    RawWsClient.Closed closed = client.awaitClose();
    assertThat(closed.code()).isEqualTo(1013);
    assertThat(closed.reason()).isEqualTo("server busy: its 1 MiB for incoming messages is full");
    assertThat(client.awaitEndOfStream()).as("connection closed by the server").isTrue();
    assertThat(fixture.server.metrics().dropped(WsDrop.RECEIVE_BUDGET)).isEqualTo(1);
  }

  /** Waits until the budget in use is at least {@code bytes} (exactly 0 for 0). */
  private static void awaitBuffered(ServerFixture fixture, long bytes) {
    await("bytes of incoming messages buffered")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(5))
        .untilAsserted(
            () -> {
              long buffered = fixture.server.metrics().receiveBufferedBytes();
              if (bytes == 0) {
                assertThat(buffered).isZero();
              } else {
                assertThat(buffered).isBetween(bytes, bytes + 64);
              }
            });
  }
}
