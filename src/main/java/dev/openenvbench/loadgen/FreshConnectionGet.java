package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.MessageLimit;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code GET} on a connection of its own ({@code Connection: close}), over a Netty transport of
 * the run (the pre-flight's for {@code /health}, the cells' for {@code /metrics}). The scrapes of
 * {@code /metrics} behind {@code serve --workers} must each reach whichever worker accepts a new
 * connection ({@link ServerSideMetrics}). They went through the JDK's {@code HttpClient}, one
 * client per request so that none reused a pooled connection: a client each (its own selector
 * thread and pool) made the dozen scrapes before a cell cost a one-session run 80-110 ms; on the
 * transport's loop they cost half that.
 */
final class FreshConnectionGet {
  /** The status and the body (UTF-8) of an answer. */
  record Response(int status, String body) {}

  private FreshConnectionGet() {}

  /**
   * Sends {@code GET route} to {@code target} with the run's headers for it; the future fails when
   * no whole answer came within {@code timeout} of this call, connect included (the connection is
   * closed then too).
   */
  static CompletableFuture<Response> get(
      ClientTransport transport,
      Target target,
      String route,
      RequestHeaders headers,
      Duration timeout) {
    CompletableFuture<Response> answer = new CompletableFuture<>();
    ChannelFuture connect =
        transport
            .bootstrap(timeout.toMillis() / 1000.0)
            .remoteAddress(new InetSocketAddress(target.host(), target.port()))
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (target.tls()) {
                      ch.pipeline()
                          .addLast(
                              transport.ssl().newHandler(ch.alloc(), target.host(), target.port()));
                    }
                    ch.pipeline()
                        .addLast(
                            new HttpClientCodec(),
                            new HttpObjectAggregator(MessageLimit.MAX_BYTES),
                            new Answer(answer));
                  }
                })
            .connect();
    Channel ch = connect.channel();
    // Whatever ends the request ends its connection: an answer, a failure or the deadline. The
    // deadline counts from now, so that it covers the connect as the JDK client's timeout did.
    answer.whenComplete((r, e) -> ch.close());
    var deadline =
        ch.eventLoop()
            .schedule(
                () ->
                    answer.completeExceptionally(
                        new TimeoutException(
                            "GET "
                                + route
                                + " got no answer within "
                                + timeout.toMillis()
                                + " ms")),
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
    answer.whenComplete((r, e) -> deadline.cancel(false));
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            answer.completeExceptionally(f.cause());
            return;
          }
          ch.writeAndFlush(request(target, route, headers))
              .addListener(
                  w -> {
                    if (!w.isSuccess()) answer.completeExceptionally(w.cause());
                  });
        });
    return answer;
  }

  private static FullHttpRequest request(Target target, String route, RequestHeaders headers) {
    FullHttpRequest req =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target.httpPath(route));
    req.headers().set(HttpHeaderNames.HOST, target.hostHeader());
    for (RequestHeaders.Header h : headers.forTarget(target))
      req.headers().add(h.name(), h.value());
    // Last, over any the user gave: the next request must come on a new connection.
    req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return req;
  }

  /** Completes the request's future with the first whole answer, or with why none came. */
  private static final class Answer extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final CompletableFuture<Response> answer;

    Answer(CompletableFuture<Response> answer) {
      this.answer = answer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
      // Bytes that are not HTTP (TLS from a port given as http://) decode to a failed response.
      if (r.decoderResult().isFailure()) {
        answer.completeExceptionally(r.decoderResult().cause());
        return;
      }
      answer.complete(
          new Response(r.status().code(), r.content().toString(StandardCharsets.UTF_8)));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      answer.completeExceptionally(cause);
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      answer.completeExceptionally(
          new IllegalStateException("the connection closed before an answer"));
    }
  }
}
