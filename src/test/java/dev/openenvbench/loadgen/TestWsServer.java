package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.ServerFrames;
import dev.openenvbench.protocol.StepResult;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal OpenEnv WebSocket server for what {@code serve} cannot be made to do: it counts the
 * client's pings and can stop answering them, can answer every request as a proxy in front of it
 * would ({@link #refuseWith}), can leave host_url out and name itself in a header, and can sit
 * behind TLS. {@code /health} answers 200, a reset (on /ws or HTTP) at once, a step after its
 * {@code wait_seconds}; every other route 404. Real sockets on a free loopback port.
 */
final class TestWsServer implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  final AtomicInteger pings = new AtomicInteger();
  final AtomicBoolean answerPings = new AtomicBoolean(true);

  /** When set, every request but /health (the WebSocket upgrade too) gets this answer. */
  final AtomicReference<FullHttpResponse> refuseWith = new AtomicReference<>();

  /** The observations' host_url; null: observations without one, as most environments send. */
  final AtomicReference<String> hostUrl = new AtomicReference<>("t:1");

  /** When set, every answer (the 101 too) carries {@code X-Served-By} with this value. */
  final AtomicReference<String> servedBy = new AtomicReference<>();

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final String scheme;

  TestWsServer(SslContext tls) throws InterruptedException {
    scheme = tls == null ? "http" : "https";
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (tls != null) ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    ch.pipeline()
                        .addLast(
                            new HttpServerCodec(),
                            new ServedBy(),
                            new HttpObjectAggregator(1 << 20),
                            new PingSpy(),
                            new WebSocketServerProtocolHandler("/ws"),
                            new Env());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  String url() {
    return scheme + "://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
  }

  /**
   * Counts pings and passes them on to be answered only while {@link #answerPings}; answers
   * requests with {@link #refuseWith} while it is set.
   */
  private final class PingSpy extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      FullHttpResponse refusal = refuseWith.get();
      if (msg instanceof FullHttpRequest r && refusal != null && !r.uri().equals("/health")) {
        r.release();
        ctx.writeAndFlush(refusal.retainedDuplicate());
        return;
      }
      if (msg instanceof PingWebSocketFrame p) {
        pings.incrementAndGet();
        if (!answerPings.get()) {
          p.release();
          return;
        }
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** Adds {@code X-Served-By} to every answer while {@link #servedBy} is set. */
  private final class ServedBy extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      String v = servedBy.get();
      if (msg instanceof HttpResponse r && v != null) r.headers().set("X-Served-By", v);
      ctx.write(msg, promise);
    }
  }

  /** The benchmark environment's replies, over the wire only. */
  private final class Env extends SimpleChannelInboundHandler<Object> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
      switch (msg) {
        case FullHttpRequest r -> http(ctx, r);
        case TextWebSocketFrame f -> message(ctx, JSON.readTree(f.text()));
        default -> {}
      }
    }

    private void http(ChannelHandlerContext ctx, FullHttpRequest r) {
      switch (r.uri()) {
        case "/health" -> answer(ctx, HttpResponseStatus.OK, "{\"status\":\"healthy\"}");
        case "/reset" -> answer(ctx, HttpResponseStatus.OK, httpObservation(0));
        case "/step" -> {
          double wait =
              JSON.readTree(r.content().toString(StandardCharsets.UTF_8))
                  .path("action")
                  .path("wait_seconds")
                  .asDouble(0);
          String body = httpObservation(wait);
          ctx.executor()
              .schedule(
                  () -> answer(ctx, HttpResponseStatus.OK, body),
                  Math.round(wait * 1e9),
                  TimeUnit.NANOSECONDS);
        }
        default -> answer(ctx, HttpResponseStatus.NOT_FOUND, "{}");
      }
    }

    private static void answer(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
      byte[] body = text.getBytes(StandardCharsets.UTF_8);
      FullHttpResponse res =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      res.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
      ctx.writeAndFlush(res);
    }

    private StepResult result(double wait) {
      Map<String, Object> observation = new LinkedHashMap<>();
      observation.put("waited_seconds", wait);
      if (hostUrl.get() != null) observation.put("host_url", hostUrl.get());
      return new StepResult(observation, 0.0, false);
    }

    private String httpObservation(double wait) {
      return JSON.writeValueAsString(result(wait).httpBody());
    }

    private void message(ChannelHandlerContext ctx, JsonNode m) {
      String type = m.path("type").asString();
      double wait = m.path("data").path("wait_seconds").asDouble(0);
      String reply = ServerFrames.observation(result(wait));
      switch (type) {
        case "reset" -> ctx.writeAndFlush(new TextWebSocketFrame(reply));
        case "step" ->
            ctx.executor()
                .schedule(
                    () -> ctx.writeAndFlush(new TextWebSocketFrame(reply)),
                    Math.round(wait * 1e9),
                    TimeUnit.NANOSECONDS);
        default -> {}
      }
    }
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
