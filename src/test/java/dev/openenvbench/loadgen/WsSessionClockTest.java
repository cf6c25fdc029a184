package dev.openenvbench.loadgen;

import static dev.openenvbench.results.RawFields.ACTIVE_SESSIONS;
import static dev.openenvbench.results.RawFields.CLOSE_LATENCY;
import static dev.openenvbench.results.RawFields.CONNECT_LATENCY;
import static dev.openenvbench.results.RawFields.ERROR_CODE;
import static dev.openenvbench.results.RawFields.ERROR_MESSAGE;
import static dev.openenvbench.results.RawFields.ERROR_TYPE;
import static dev.openenvbench.results.RawFields.MAX_SESSIONS;
import static dev.openenvbench.results.RawFields.PID;
import static dev.openenvbench.results.RawFields.RESET_LATENCY;
import static dev.openenvbench.results.RawFields.SESSION_HASH;
import static dev.openenvbench.results.RawFields.STEPS_COMPLETED;
import static dev.openenvbench.results.RawFields.STEP_END_OFFSET;
import static dev.openenvbench.results.RawFields.STEP_LATENCY;
import static dev.openenvbench.results.RawFields.STEP_LATENCY_MAX;
import static dev.openenvbench.results.RawFields.STEP_OVERHEAD;
import static dev.openenvbench.results.RawFields.STEP_START_OFFSET;
import static dev.openenvbench.results.RawFields.TCP_CONNECT_LATENCY;
import static dev.openenvbench.results.RawFields.TOTAL_LATENCY;
import static dev.openenvbench.results.RawFields.WS_UPGRADE_LATENCY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.CellId;
import dev.openenvbench.results.SessionRecord;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A scripted WebSocket session, without sockets, on a fake clock: every phase boundary is stamped
 * exactly when the handler sees it, and the record's latencies follow from the stamps.
 */
class WsSessionClockTest {
  final AtomicLong now = new AtomicLong();
  final List<SessionResult> results = new ArrayList<>();
  final SessionSpec spec = new SessionSpec(7, Target.parse("http://127.0.0.1:9"), 1.0, 2, 30);
  EmbeddedChannel ch;
  final List<String> sent = new ArrayList<>();
  long decodingNanos;

  @BeforeEach
  void connect() throws Exception {
    SessionContext ctx =
        new SessionContext(spec, now::get, StepGate.open(), new CellProgress(1), results::add);
    SessionTimeline t = new SessionTimeline(spec.steps());
    t.start = 0;
    var hs =
        WebSocketClientHandshakerFactory.newHandshaker(
            spec.target().wsUri(),
            WebSocketVersion.V13,
            null,
            false,
            new DefaultHttpHeaders(),
            65536);
    now.set(1_000); // TCP connected
    ReadStamp stamp = new ReadStamp(now::get);
    ch =
        new EmbeddedChannel(
            stamp,
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext c, Object msg) {
                now.addAndGet(decodingNanos); // time spent decoding, after the bytes were read
                c.fireChannelRead(msg);
              }
            },
            new HttpClientCodec(),
            new HttpObjectAggregator(65536),
            new WsSessionHandler(ctx, hs, t, stamp));
    String request = drainText();
    Matcher key = Pattern.compile("(?i)sec-websocket-key: (\\S+)").matcher(request);
    assertThat(key.find()).isTrue();
    now.set(3_000); // 101 received
    ch.writeInbound(
        Unpooled.copiedBuffer(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + accept(key.group(1))
                + "\r\n\r\n",
            StandardCharsets.US_ASCII));
  }

  @Test
  void every_phase_is_stamped_at_its_boundary() {
    now.set(5_000);
    serverSends(
        "{\"type\":\"observation\",\"data\":{\"observation\":{\"waited_seconds\":0.0,\"pid\":42,\"session_hash\":\"abc\",\"host_url\":\"h:1\",\"step_count\":0},\"reward\":null,\"done\":false}}");
    now.set(1_000_006_000);
    serverSends(observation(1));
    now.set(2_000_010_000);
    serverSends(observation(2));
    now.set(2_000_011_000);
    ch.writeInbound(encode(new CloseWebSocketFrame(1000, "")));

    assertThat(sentMessages())
        .containsExactly(
            "{\"type\":\"reset\",\"data\":{}}",
            "{\"type\":\"step\",\"data\":{\"wait_seconds\":1.0}}",
            "{\"type\":\"step\",\"data\":{\"wait_seconds\":1.0}}",
            "{\"type\":\"close\"}",
            "close frame 1000");
    SessionRecord r = record();
    assertThat(r.success()).isTrue();
    assertThat(r.get(TCP_CONNECT_LATENCY)).isEqualTo(1e-6);
    assertThat(r.get(WS_UPGRADE_LATENCY)).isEqualTo(2e-6);
    assertThat(r.get(CONNECT_LATENCY)).isEqualTo(3e-6);
    assertThat(r.get(RESET_LATENCY)).isEqualTo(2e-6);
    // The open gate sends step 1 as the reset reply is handled (t=5 µs). Steps took 1.000001 s
    // and 1.000004 s: the mean is recorded, the max kept beside it.
    assertThat(r.get(STEP_LATENCY)).isEqualTo(1.0000025);
    assertThat(r.get(STEP_LATENCY_MAX)).isEqualTo(1.000004);
    assertThat(r.get(STEP_OVERHEAD)).isCloseTo(2.5e-6, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(r.get(CLOSE_LATENCY)).isEqualTo(1e-6);
    assertThat(r.get(TOTAL_LATENCY)).isEqualTo(2.000011);
    assertThat(r.get(STEP_START_OFFSET)).isEqualTo(5e-6);
    assertThat(r.get(STEP_END_OFFSET)).isEqualTo(2.00001);
    assertThat(r.get(STEPS_COMPLETED)).isEqualTo(2);
    assertThat(r.get(PID)).isEqualTo(42L);
    assertThat(r.get(SESSION_HASH)).isEqualTo("abc");
  }

  @Test
  void replies_are_stamped_when_their_bytes_were_read_not_when_decoded() {
    decodingNanos = 500_000; // each read now takes 0.5 ms to decode and parse
    now.set(5_000);
    serverSends(
        "{\"type\":\"observation\",\"data\":{\"observation\":{\"waited_seconds\":0.0,\"pid\":42,\"session_hash\":\"abc\",\"host_url\":\"h:1\",\"step_count\":0},\"reward\":null,\"done\":false}}");
    long stepSent = now.get();
    now.set(stepSent + 1_000_001_000);
    serverSends(observation(1));
    now.set(now.get() + 1_000_001_000);
    serverSends(observation(2));
    now.addAndGet(1_000);
    ch.writeInbound(encode(new CloseWebSocketFrame(1000, "")));

    SessionRecord r = record();
    assertThat(r.success()).isTrue();
    assertThat(r.get(RESET_LATENCY)).isEqualTo(2e-6); // not 502 µs
    // Each reply's bytes arrived 1.000001 s after its step was sent; decoding them is not the step.
    assertThat(r.get(STEP_LATENCY_MAX)).isLessThan(1.0000011);
  }

  @Test
  void an_error_frame_right_after_the_upgrade_fails_the_session_with_its_code() {
    now.set(4_000);
    serverSends(
        "{\"type\":\"error\",\"data\":{\"message\":\"Server at capacity: 8/8 sessions active. Cannot accept new connections.\",\"code\":\"CAPACITY_REACHED\",\"active_sessions\":8,\"max_sessions\":8}}");

    SessionRecord r = record();
    assertThat(r.success()).isFalse();
    assertThat(r.get(ERROR_TYPE)).isEqualTo("openenv_error");
    assertThat(r.get(ERROR_CODE)).isEqualTo("CAPACITY_REACHED");
    assertThat(r.get(ACTIVE_SESSIONS)).isEqualTo(8);
    assertThat(r.get(MAX_SESSIONS)).isEqualTo(8);
    assertThat(r.get(CONNECT_LATENCY)).isEqualTo(3e-6);
    assertThat(r.get(RESET_LATENCY)).isNull();
    assertThat(r.get(TOTAL_LATENCY)).isEqualTo(4e-6);
    assertThat(ch.isOpen()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "a reply that is not JSON | Internal Server Error"
            + " | protocol_error | | reply is not JSON in reset",
        "a state frame where the reset's observation belongs | {\"type\":\"state\",\"data\":{}}"
            + " | protocol_error | | unexpected state message in reset",
        "an error frame without a code | {\"type\":\"error\",\"data\":{\"message\":\"boom\"}}"
            + " | openenv_error | UNKNOWN | boom",
      })
  void a_reply_the_session_cannot_use_fails_it_with_its_kind(
      String meaning, String frame, String errorType, String errorCode, String errorMessage) {
    now.set(4_000);
    serverSends(frame);

    SessionRecord r = record();
    assertThat(r.success()).isFalse();
    assertThat(r.get(ERROR_TYPE)).isEqualTo(errorType);
    assertThat(r.get(ERROR_CODE)).isEqualTo(errorCode);
    assertThat(r.get(ERROR_MESSAGE)).isEqualTo(errorMessage);
  }

  @Test
  void silence_longer_than_the_timeout_is_a_read_timeout_in_that_phase() {
    ch.advanceTimeBy(31, java.util.concurrent.TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();

    SessionRecord r = record();
    assertThat(r.get(ERROR_TYPE)).isEqualTo("read_timeout");
    assertThat(r.get(ERROR_MESSAGE)).contains("reset");
  }

  private SessionRecord record() {
    assertThat(results).hasSize(1);
    CellPlan plan =
        new CellPlan(
            CellPlan.Mode.WS,
            List.of(spec.target()),
            1,
            1.0,
            1,
            2,
            0,
            false,
            30,
            null,
            null,
            Workload.BENCHMARK);
    return new SessionRecords(plan, new CellId("r", 1), 0, Instant.EPOCH)
        .toRecord(results.getFirst(), SessionTimeline.NOT_REACHED);
  }

  private static String observation(int stepCount) {
    return "{\"type\":\"observation\",\"data\":{\"observation\":{\"waited_seconds\":1.0,\"pid\":42,\"session_hash\":\"abc\",\"host_url\":\"h:1\",\"step_count\":"
        + stepCount
        + "},\"reward\":null,\"done\":false}}";
  }

  private void serverSends(String text) {
    ch.writeInbound(encode(new TextWebSocketFrame(text)));
  }

  private static ByteBuf encode(WebSocketFrame frame) {
    EmbeddedChannel enc = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
    enc.writeOutbound(frame);
    return enc.readOutbound();
  }

  private String drainText() {
    StringBuilder sb = new StringBuilder();
    for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
      sb.append(b.toString(StandardCharsets.UTF_8));
      b.release();
    }
    return sb.toString();
  }

  private List<String> sentMessages() {
    EmbeddedChannel dec = new EmbeddedChannel(new WebSocket13FrameDecoder(true, false, 65536));
    for (Object o; (o = ch.readOutbound()) != null; ) dec.writeInbound(o);
    for (Object f; (f = dec.readInbound()) != null; ) {
      if (f instanceof TextWebSocketFrame t) sent.add(t.text());
      else if (f instanceof CloseWebSocketFrame c) sent.add("close frame " + c.statusCode());
    }
    return sent;
  }

  private static String accept(String key) throws Exception {
    byte[] sha1 =
        MessageDigest.getInstance("SHA-1")
            .digest(
                (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
    return Base64.getEncoder().encodeToString(sha1);
  }
}
