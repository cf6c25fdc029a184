package dev.openenvbench.server;

import dev.openenvbench.protocol.Routes;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/** The protocol stack of one accepted connection, in the order bytes flow through it. */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {
  private final ServerContext server;
  private final WebSocketServerProtocolConfig wsConfig;

  ServerInitializer(ServerContext server) {
    this.server = server;
    ServerConfig config = server.config();
    this.wsConfig =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(Routes.WS)
            .checkStartsWith(true) // "/ws?x=1" too: the query string is ignored
            .handleCloseFrames(true)
            .dropPongFrames(true)
            .maxFramePayloadLength(config.maxFrameBytes())
            .handshakeTimeoutMillis(config.requestTimeout().toMillis())
            .build();
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ServerConfig config = server.config();
    ChannelPipeline p = ch.pipeline();
    RequestDeadlineHandler deadline =
        new RequestDeadlineHandler(config.requestTimeout(), config.idleTimeout());
    p.addLast(deadline);
    p.addLast(new HttpServerCodec());
    p.addLast(new HttpObjectAggregator(config.maxRequestBytes()));
    p.addLast(deadline.received());
    p.addLast(new HttpRouteHandler(server.api(), server.metrics()));
    p.addLast(new WebSocketServerProtocolHandler(wsConfig));
    p.addLast(new WebSocketFrameAggregator(config.maxFrameBytes()));
    p.addLast(new WsSessionHandler(server));
  }
}
