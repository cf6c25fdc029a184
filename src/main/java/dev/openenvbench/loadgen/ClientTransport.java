package dev.openenvbench.loadgen;

import dev.openenvbench.transport.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

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
  private SslContext ssl;

  public ClientTransport(int threads, List<String> sourceAddresses) {
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

  synchronized SslContext ssl() {
    if (ssl == null) {
      try {
        ssl = SslContextBuilder.forClient().build();
      } catch (SSLException e) {
        throw new IllegalStateException("cannot create a TLS client context", e);
      }
    }
    return ssl;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
