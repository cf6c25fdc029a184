package dev.openenvbench.server;

import dev.openenvbench.protocol.Routes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Routes plain HTTP requests to {@link HttpApi} and writes the replies in request order. A
 * WebSocket upgrade of {@code /ws} is passed on to Netty's WebSocket handler; a plain {@code GET
 * /ws} is a 404, as in Python (there is no HTTP route there).
 */
final class HttpRouteHandler extends ChannelInboundHandlerAdapter {
  /** What we keep of a request once its buffers are released. */
  private record Request(
      String method,
      String path,
      String contentType,
      String body,
      boolean keepAlive,
      long arrivedNanos) {}

  private final HttpApi api;
  private final ServerMetrics metrics;
  private InOrder<Request> inOrder;

  HttpRouteHandler(HttpApi api, ServerMetrics metrics) {
    this.api = api;
    this.metrics = metrics;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    inOrder = new InOrder<>(ctx.channel(), request -> answer(ctx, request));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (request.decoderResult().isFailure()) {
      request.release();
      writeBadRequest(ctx, request.decoderResult().cause());
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    if (isWebSocketUpgrade(request)) {
      if (path.equals(Routes.WS)) {
        ctx.fireChannelRead(msg);
      } else {
        // Starlette refuses a WebSocket handshake on a path it has no WebSocket route for with 403.
        request.release();
        write(ctx, HttpReply.text(403, "text/plain; charset=utf-8", ""), false, false);
      }
      return;
    }
    try {
      inOrder.offer(
          new Request(
              request.method().name(),
              path,
              request.headers().get(HttpHeaderNames.CONTENT_TYPE),
              request.content().toString(StandardCharsets.UTF_8),
              HttpUtil.isKeepAlive(request),
              System.nanoTime()));
    } finally {
      request.release();
    }
  }

  private CompletableFuture<Void> answer(ChannelHandlerContext ctx, Request request) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    api.handle(
            request.method(), request.path(), request.contentType(), request.body(), ctx.executor())
        .exceptionally(failure -> HttpReply.internalError())
        .thenAccept(
            reply ->
                write(ctx, reply, request.method().equals("HEAD"), request.keepAlive())
                    .addListener(
                        f -> {
                          if (reply.stepNanos() >= 0) {
                            metrics.stepOverhead(
                                System.nanoTime() - request.arrivedNanos() - reply.stepNanos());
                          }
                          written.complete(null);
                        }));
    return written;
  }

  private static ChannelFuture write(
      ChannelHandlerContext ctx, HttpReply reply, boolean head, boolean keepAlive) {
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    ByteBuf content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()), content);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      response.headers().set(h.getKey(), h.getValue());
    }
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    ChannelFuture future = ctx.writeAndFlush(response);
    return keepAlive ? future : future.addListener(ChannelFutureListener.CLOSE);
  }

  private static void writeBadRequest(ChannelHandlerContext ctx, Throwable cause) {
    String reason = cause == null ? "malformed request" : cause.getMessage();
    HttpReply reply = HttpReply.json(400, Map.of("detail", "Bad request: " + reason));
    write(ctx, reply, false, false);
  }

  private static boolean isWebSocketUpgrade(FullHttpRequest request) {
    return request
            .headers()
            .containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
        && request
            .headers()
            .containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }
}
