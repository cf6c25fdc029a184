package dev.openenvbench.server;

import dev.openenvbench.protocol.WsDrop;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Makes sure a WebSocket session's slot does not outlive its peer (docs/server.md "Slot rules"):
 * pings a session that has sent no message for a ping interval, drops one from which nothing at all
 * has arrived for the pong timeout since the first unanswered ping (1011), and closes one that has
 * had neither a message nor a reply for the idle timeout (1001).
 *
 * <p>One timer per connection, Netty's reader-idle timer: sitting after the message aggregator,
 * this handler's reads are whole messages, so a session that keeps sending is never pinged and
 * costs nothing, while one that is silent (in a long step, or gone) gets a tick every interval.
 * Pongs are not seen here; whether the peer answered is read from the byte count of {@link
 * ReceiveBudgetHandler}, which counts every byte (a pong, a message, part of a large one). A
 * message waiting its turn stops reading ({@link InOrder}): that peer has just proved itself alive
 * and is not judged until it is read from again.
 *
 * <p>Checked at each tick, so a drop or close comes up to one tick late, never early. Confined to
 * the channel's event loop.
 */
final class WsKeepalive extends IdleStateHandler {
  private static final long NONE = Long.MIN_VALUE;

  private final SlotRules rules;
  private final LongSupplier bytesReceived;
  private final LongSupplier dataBytesReceived;
  private final BooleanSupplier answering;
  private final ServerMetrics metrics;
  private long bytesAtTick;
  private long dataBytesAtTick;
  private long messagesAndReplies;
  private long messagesAndRepliesAtTick;
  private long unansweredSince = NONE;
  private long quietSince;

  /**
   * @param bytesReceived every byte received from the peer so far
   * @param dataBytesReceived the bytes of data frames among them
   * @param answering whether the server is answering a message (the peer is waiting for us)
   */
  WsKeepalive(
      SlotRules rules,
      LongSupplier bytesReceived,
      LongSupplier dataBytesReceived,
      BooleanSupplier answering,
      ServerMetrics metrics) {
    super(tickNanos(rules), 0, 0, TimeUnit.NANOSECONDS);
    this.rules = rules;
    this.bytesReceived = bytesReceived;
    this.dataBytesReceived = dataBytesReceived;
    this.answering = answering;
    this.metrics = metrics;
  }

  /** Whether a connection under {@code rules} needs this handler at all. */
  static boolean needed(SlotRules rules) {
    return rules.pings() || rules.idleTimeoutOn();
  }

  /**
   * The ping interval; without pings a quarter of the idle timeout, so that the idle close is at
   * most 25% late.
   */
  static long tickNanos(SlotRules rules) {
    return rules.pings()
        ? rules.pingInterval().toNanos()
        : Math.max(1, rules.sessionIdleTimeout().toNanos() / 4);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    bytesAtTick = bytesReceived.getAsLong();
    dataBytesAtTick = dataBytesReceived.getAsLong();
    quietSince = ctx.executor().ticker().nanoTime();
    super.handlerAdded(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    messagesAndReplies++;
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    messagesAndReplies++;
    super.write(ctx, msg, promise);
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
    // The loop's clock, as IdleStateHandler's own (a test's EmbeddedChannel can move it).
    long now = ctx.executor().ticker().nanoTime();
    if (rules.pings() && noPong(ctx, now)) {
      drop(ctx, WsDrop.PONG_TIMEOUT, WsDrop.noPongWithin(rules.pongTimeout()));
      return;
    }
    if (rules.idleTimeoutOn() && idle(now)) {
      drop(ctx, WsDrop.IDLE_TIMEOUT, WsDrop.idleFor(rules.sessionIdleTimeout()));
      return;
    }
    if (rules.pings()) {
      ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
      if (unansweredSince == NONE) {
        unansweredSince = now;
      }
    }
  }

  /** Whether the peer has sent nothing for the pong timeout since a ping it did not answer. */
  private boolean noPong(ChannelHandlerContext ctx, long now) {
    long bytes = bytesReceived.getAsLong();
    if (bytes != bytesAtTick || !ctx.channel().config().isAutoRead()) {
      unansweredSince = NONE;
    }
    bytesAtTick = bytes;
    return unansweredSince != NONE && now - unansweredSince >= rules.pongTimeout().toNanos();
  }

  /**
   * Whether the session has been quiet for the idle timeout. Anything since the last tick (a
   * message or part of one, a reply, a call still running) restarts the count at this tick, which
   * is later than it really happened: the count is never more than the truth.
   */
  private boolean idle(long now) {
    long data = dataBytesReceived.getAsLong();
    if (answering.getAsBoolean()
        || messagesAndReplies != messagesAndRepliesAtTick
        || data != dataBytesAtTick) {
      quietSince = now;
    }
    messagesAndRepliesAtTick = messagesAndReplies;
    dataBytesAtTick = data;
    return now - quietSince >= rules.sessionIdleTimeout().toNanos();
  }

  private void drop(ChannelHandlerContext ctx, WsDrop rule, String reason) {
    metrics.sessionDropped(rule);
    ctx.writeAndFlush(new CloseWebSocketFrame(rule.closeCode(), reason));
    // Closes even when the frame cannot be written (a vanished peer's full socket buffer):
    // Netty's WebSocket handler waits for it at most its force-close timeout (10 s).
    ctx.close();
  }
}
