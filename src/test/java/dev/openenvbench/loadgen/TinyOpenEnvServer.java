package dev.openenvbench.loadgen;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.*;
import io.netty.handler.codec.http.websocketx.*;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * TEMPORARY test double of the benchmark server, used only until the real {@code serve} lands on
 * main. Speaks the subset of PROTOCOL.md the harness uses.
 */
final class TinyOpenEnvServer implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final int maxSessions;
  private final AtomicInteger active = new AtomicInteger();
  private final String hostLabel;

  TinyOpenEnvServer(int maxSessions, String hostLabel) throws InterruptedException {
    this.maxSessions = maxSessions;
    this.hostLabel = hostLabel;
    server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new Handler());
          }
        }).bind("127.0.0.1", 0).sync().channel();
  }

  String url() {
    return "http://127.0.0.1:" + ((java.net.InetSocketAddress) server.localAddress()).getPort();
  }

  private String obs(double waited, String hash, int stepCount) {
    return "{\"observation\":{\"waited_seconds\":" + waited + ",\"pid\":" + ProcessHandle.current().pid()
        + ",\"session_hash\":\"" + hash + "\",\"host_url\":\"" + hostLabel + "\",\"step_count\":" + stepCount
        + "},\"reward\":null,\"done\":false}";
  }

  private static String hash() {
    return HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
  }

  private final class Handler extends SimpleChannelInboundHandler<Object> {
    private WebSocketServerHandshaker hs;
    private String hash;
    private int steps;
    private boolean counted;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof FullHttpRequest req) http(ctx, req);
      else if (msg instanceof TextWebSocketFrame f) ws(ctx, f.text());
      else if (msg instanceof CloseWebSocketFrame f) hs.close(ctx.channel(), f.retain());
    }

    private void http(ChannelHandlerContext ctx, FullHttpRequest req) {
      String path = new QueryStringDecoder(req.uri()).path();
      if (path.equals("/ws")) {
        hs = new WebSocketServerHandshakerFactory("ws://x/ws", null, false).newHandshaker(req);
        hs.handshake(ctx.channel(), req).addListener(f -> open(ctx));
        return;
      }
      switch (path) {
        case "/health" -> reply(ctx, "{\"status\":\"healthy\"}", 0);
        case "/reset" -> reply(ctx, obs(0.0, hash(), 0), 0);
        case "/step" -> {
          double w = JSON.readTree(req.content().toString(StandardCharsets.UTF_8)).path("action").path("wait_seconds").asDouble();
          reply(ctx, obs(w, hash(), 1), w);
        }
        default -> ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND));
      }
    }

    private void reply(ChannelHandlerContext ctx, String body, double delaySeconds) {
      var r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json").setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
      ctx.executor().schedule(() -> ctx.writeAndFlush(r), Math.round(delaySeconds * 1e9), TimeUnit.NANOSECONDS);
    }

    private void open(ChannelHandlerContext ctx) {
      int now = active.incrementAndGet();
      if (now > maxSessions) {
        active.decrementAndGet();
        ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"error\",\"data\":{\"message\":\"Server at capacity: " + (now - 1) + "/" + maxSessions
            + " sessions active. Cannot accept new connections.\",\"code\":\"CAPACITY_REACHED\",\"active_sessions\":" + (now - 1) + ",\"max_sessions\":" + maxSessions + "}}"));
        hs.close(ctx.channel(), new CloseWebSocketFrame(1000, ""));
        return;
      }
      counted = true;
      hash = hash();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (counted) active.decrementAndGet();
      counted = false;
    }

    private void ws(ChannelHandlerContext ctx, String text) {
      JsonNode m = JSON.readTree(text);
      switch (m.path("type").asString("")) {
        case "reset" -> { steps = 0; ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"observation\",\"data\":" + obs(0.0, hash, 0) + "}")); }
        case "step" -> {
          double w = m.path("data").path("wait_seconds").asDouble();
          steps++;
          String reply = "{\"type\":\"observation\",\"data\":" + obs(w, hash, steps) + "}";
          ctx.executor().schedule(() -> ctx.writeAndFlush(new TextWebSocketFrame(reply)), Math.round(w * 1e9), TimeUnit.NANOSECONDS);
        }
        case "close" -> hs.close(ctx.channel(), new CloseWebSocketFrame(1000, ""));
        default -> ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"error\",\"data\":{\"message\":\"Unknown message type\",\"code\":\"UNKNOWN_TYPE\"}}"));
      }
    }
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
