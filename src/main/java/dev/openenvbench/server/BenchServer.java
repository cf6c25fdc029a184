package dev.openenvbench.server;

import dev.openenvbench.env.BenchmarkEnvironmentType;
import dev.openenvbench.env.EnvironmentType;
import dev.openenvbench.env.HostIdentity;
import dev.openenvbench.transport.EventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One server process's listener: binds, serves until {@link #close()}, then shuts down gracefully.
 * On Linux it uses the native epoll transport. It binds its port alone unless it is a worker of a
 * {@code serve --workers} supervisor ({@link PortSharing}): then it binds with SO_REUSEPORT, so the
 * supervisor's workers listen on one port and the kernel spreads connections among them.
 */
public final class BenchServer implements AutoCloseable {
  private final EventLoopGroup loops;
  private final Channel listener;
  private final ServerContext context;
  private final InetSocketAddress address;

  private BenchServer(EventLoopGroup loops, Channel listener, ServerContext context) {
    this.loops = loops;
    this.listener = listener;
    this.context = context;
    this.address = (InetSocketAddress) listener.localAddress();
  }

  /** Serves the benchmark environment on a port of its own. */
  public static BenchServer startBenchmark(ServerConfig config) throws InterruptedException {
    return startBenchmark(config, PortSharing.EXCLUSIVE);
  }

  /** Serves the benchmark environment, sharing its port as {@code sharing} says. */
  public static BenchServer startBenchmark(ServerConfig config, PortSharing sharing)
      throws InterruptedException {
    return start(
        config,
        host -> new BenchmarkEnvironmentType(config.maxWaitSeconds(), host, config.profile()),
        sharing);
  }

  /** Binds a port of its own and starts accepting; see the three-argument form. */
  public static BenchServer start(
      ServerConfig config, Function<HostIdentity, EnvironmentType> typeForHost)
      throws InterruptedException {
    return start(config, typeForHost, PortSharing.EXCLUSIVE);
  }

  /**
   * Binds and starts accepting.
   *
   * @param typeForHost builds the environment type once the real port is known (an observation may
   *     report it, as the benchmark's {@code host_url} does)
   * @param sharing whether other processes may listen on the port too
   * @throws IllegalArgumentException in one line, when the port is in use or the address cannot be
   *     bound
   */
  public static BenchServer start(
      ServerConfig config, Function<HostIdentity, EnvironmentType> typeForHost, PortSharing sharing)
      throws InterruptedException {
    if (sharing == PortSharing.EXCLUSIVE) {
      // The JDK says why in the words users know ("Address already in use"); Netty's native bind
      // below would say it after its errno. That bind still decides, should the port go meanwhile.
      PortClaim.requireFree(config.host(), config.port());
    }
    boolean epoll = EventLoops.epoll();
    EventLoopGroup loops = EventLoops.precise(Runtime.getRuntime().availableProcessors());
    Class<? extends ServerChannel> channelType =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    DeferredInitializer initializer = new DeferredInitializer();
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops)
            .channel(channelType)
            // Accept nothing until the context exists (it needs the bound port).
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.SO_BACKLOG, 4096)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(initializer);
    if (epoll && sharing == PortSharing.WITH_SIBLING_WORKERS) {
      bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
    }
    Channel listener;
    try {
      listener = bootstrap.bind(config.host(), config.port()).sync().channel();
    } catch (Exception e) {
      loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw PortClaim.cannotListen(config.host(), config.port(), e);
    }
    int port = ((InetSocketAddress) listener.localAddress()).getPort();
    ServerContext context =
        new ServerContext(
            config, typeForHost.apply(HostIdentity.current(port)), new ServerMetrics());
    initializer.set(new ServerInitializer(context));
    listener.config().setAutoRead(true);
    return new BenchServer(loops, listener, context);
  }

  public int port() {
    return address.getPort();
  }

  public String host() {
    return context.config().host();
  }

  /** {@code http://host:port}, with IPv6 hosts in brackets. */
  public String url() {
    return context.config().url(port());
  }

  public ServerMetrics metrics() {
    return context.metrics();
  }

  /**
   * Graceful stop: accept no new connections, give running env calls up to the config's grace to
   * finish, close WebSocket sessions with 1001 (going away), end MCP sessions, stop threads.
   */
  @Override
  public void close() {
    try {
      stopGracefully();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stopGracefully() throws InterruptedException {
    listener.close().sync();
    Duration grace = context.config().shutdownGrace();
    context.calls().awaitIdle(grace.toNanos());
    context
        .sessions()
        .writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE))
        .await(2, TimeUnit.SECONDS);
    context.sessions().close().await(2, TimeUnit.SECONDS);
    context.mcp().closeAll();
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    context.calls().close();
  }
}
