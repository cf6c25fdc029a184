package dev.openenvbench.loadgen;

import dev.openenvbench.transport.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * The harness's Netty client side: one event-loop group for every session of a run (native epoll
 * when available), the TLS context for https/wss targets, and the optional local source addresses
 * connections are spread over. Closing it stops the event loops.
 */
public final class ClientTransport implements AutoCloseable {
  private final EventLoopGroup group;
  private final boolean epoll;
  private final List<InetSocketAddress> sourceAddresses;
  private final AtomicInteger nextSource = new AtomicInteger();
  private final Connection connection;
  private volatile DoubleSupplier lagMaxMs = () -> 0;
  private SslContext ssl;

  public ClientTransport(int threads, List<String> sourceAddresses) {
    this(threads, sourceAddresses, Connection.DEFAULT);
  }

  /**
   * @param connection the pings, abandoned sessions and TLS trust of every session of the run
   */
  public ClientTransport(int threads, List<String> sourceAddresses, Connection connection) {
    this.connection = connection;
    this.epoll = EventLoops.epoll();
    this.group = EventLoops.group(threads);
    this.sourceAddresses = sourceAddresses.stream().map(a -> new InetSocketAddress(a, 0)).toList();
  }

  public EventLoopGroup group() {
    return group;
  }

  /** A bootstrap with this transport's loop, channel type and a connect timeout. */
  Bootstrap bootstrap(double timeoutSeconds) {
    return new Bootstrap()
        .group(group)
        .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(
            ChannelOption.CONNECT_TIMEOUT_MILLIS,
            (int) Math.min(Integer.MAX_VALUE, Math.round(timeoutSeconds * 1000)));
  }

  /** The local address for the next connection (round robin), or null for the kernel's choice. */
  InetSocketAddress nextSourceAddress() {
    if (sourceAddresses.isEmpty()) return null;
    return sourceAddresses.get(Math.floorMod(nextSource.getAndIncrement(), sourceAddresses.size()));
  }

  Connection connection() {
    return connection;
  }

  /** Where the sessions' keep-alive reads how late this process's event loops have been. */
  void watchLag(DoubleSupplier lagMaxMs) {
    this.lagMaxMs = lagMaxMs;
  }

  /** The longest event-loop lag of the running cell so far, in ms (0 when nobody watches). */
  double lagMaxMs() {
    return lagMaxMs.getAsDouble();
  }

  synchronized SslContext ssl() {
    if (ssl == null) ssl = TlsTrust.context(connection);
    return ssl;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
