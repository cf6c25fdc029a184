package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.MessageLimit;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;

/**
 * WebSocket sessions over Netty: each session is its own connection whose pipeline is {@code [TLS]
 * → HTTP codec → aggregator (upgrade only) → WsSessionHandler}; after the 101 the handshaker swaps
 * in the WebSocket frame codec. The upgrade request carries the run's headers ({@link
 * RequestHeaders}).
 */
public final class WsSessionDriver implements SessionDriver {
  private final ClientTransport transport;
  private final ChannelGroup live = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final Abandonment abandonment;

  public WsSessionDriver(ClientTransport transport) {
    this(transport, null);
  }

  /**
   * @param abandonment the cell's sessions to abandon mid-step, or null for none
   */
  WsSessionDriver(ClientTransport transport, Abandonment abandonment) {
    this.transport = transport;
    this.abandonment = abandonment;
  }

  @Override
  public void start(SessionContext ctx) {
    SessionSpec spec = ctx.spec();
    Target target = spec.target();
    SessionTimeline t = new SessionTimeline(spec.steps());
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    for (RequestHeaders.Header h : spec.workload().headers().forTarget(target)) {
      headers.add(h.name(), h.value());
    }
    WebSocketClientHandshaker handshaker =
        WebSocketClientHandshakerFactory.newHandshaker(
            target.wsUri(), WebSocketVersion.V13, null, false, headers, MessageLimit.MAX_BYTES);
    ReadStamp readStamp = new ReadStamp(ctx.clock());
    WsSessionHandler handler = new WsSessionHandler(ctx, handshaker, t, readStamp);
    Bootstrap b =
        transport
            .bootstrap(spec.timeoutSeconds())
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ChannelPipeline p = ch.pipeline();
                    p.addLast(readStamp);
                    if (target.tls()) p.addLast(TlsTrust.timed(transport, ch, target, t, ctx));
                    p.addLast(new HttpClientCodec(), new HttpObjectAggregator(65536));
                    // Frames of a fragmented reply are one message (after the upgrade; before it
                    // the HTTP objects pass through).
                    p.addLast(new WebSocketFrameAggregator(MessageLimit.MAX_BYTES));
                    Connection c = transport.connection();
                    if (c.pings()) {
                      p.addLast(
                          new WsKeepalive(
                              c.pingSeconds(), c.pongTimeoutSeconds(), transport::lagMaxMs));
                    }
                    if (abandonment != null && abandonment.chooses(spec.requestId())) {
                      p.addLast(new WsAbandon(abandonment, ctx.clock()));
                    }
                    p.addLast(handler);
                  }
                });
    ctx.progress().started.incrementAndGet();
    t.start = ctx.clock().nanoTime();
    InetSocketAddress remote = new InetSocketAddress(target.host(), target.port());
    InetSocketAddress local = transport.nextSourceAddress();
    ChannelFuture f = local == null ? b.connect(remote) : b.connect(remote, local);
    live.add(f.channel());
    f.addListener(
        done -> {
          if (!done.isSuccess()) handler.connectFailed(done.cause());
        });
  }

  @Override
  public void close() {
    live.close().awaitUninterruptibly();
  }
}
