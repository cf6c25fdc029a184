package dev.openenvbench.loadgen;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The last handler of a pooled keep-alive HTTP connection: one request at a time, its reply (or the
 * failure: timeout, connection closed) handed to the waiting {@link Callback} on the connection's
 * event loop. The body is read before Netty releases the buffer.
 */
final class HttpExchangeHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
  interface Callback {
    /**
     * @param arrived when the response's last bytes were read, on the run's clock
     */
    void onResponse(int status, HttpHeaders headers, String body, boolean keepAlive, long arrived);

    void onFailure(SessionFailure failure);
  }

  private final ReadStamp readStamp;
  private Callback current;
  private String phase;
  private ScheduledFuture<?> timer;

  /**
   * @param readStamp the connection's first handler, whose read times stamp the responses
   */
  HttpExchangeHandler(ReadStamp readStamp) {
    this.readStamp = readStamp;
  }

  /** Sends {@code request} on {@code ch}; must be called on the channel's event loop. */
  void exchange(
      Channel ch, FullHttpRequest request, String phase, double timeoutSeconds, Callback cb) {
    this.current = cb;
    this.phase = phase;
    timer =
        ch.eventLoop()
            .schedule(
                () -> {
                  failCurrent(new SessionFailure.ReadTimeout(phase, timeoutSeconds));
                  ch.close();
                },
                Math.round(timeoutSeconds * 1e9),
                TimeUnit.NANOSECONDS);
    ch.writeAndFlush(request)
        .addListener(
            f -> {
              if (!f.isSuccess()) failCurrent(Failures.onConnection(f.cause(), phase));
            });
  }

  @Override
  protected void channelRead0(ChannelHandlerContext c, FullHttpResponse r) {
    Callback cb = take();
    if (cb == null) return;
    cb.onResponse(
        r.status().code(),
        r.headers(),
        r.content().toString(StandardCharsets.UTF_8),
        HttpUtil.isKeepAlive(r),
        readStamp.lastRead());
  }

  @Override
  public void channelInactive(ChannelHandlerContext c) {
    failCurrent(new SessionFailure.ConnectionClosed(phase, "connection closed during " + phase));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
    failCurrent(Failures.onConnection(cause, phase));
    c.close();
  }

  private void failCurrent(SessionFailure f) {
    Callback cb = take();
    if (cb != null) cb.onFailure(f);
  }

  private Callback take() {
    Callback cb = current;
    current = null;
    if (timer != null) timer.cancel(false);
    timer = null;
    return cb;
  }
}
