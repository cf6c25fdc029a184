package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.MessageLimit;
import io.netty.channel.Channel;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP sessions ({@code POST /reset}, then {@code POST /step} ×K) over one keep-alive connection
 * pool per target, like the seed's httpx client ({@code max_connections}, default 1000). A session
 * holds a connection only for one request; waiting for a free connection counts in the latency of
 * the request that waited.
 */
public final class HttpSessionDriver implements SessionDriver {
  private final ClientTransport transport;
  private final NanoClock clock;
  private final int maxConnections;
  private final double timeoutSeconds;
  private final Map<Target, FixedChannelPool> pools = new ConcurrentHashMap<>();

  /**
   * @param clock the run's clock, which stamps when each response arrived
   */
  public HttpSessionDriver(
      ClientTransport transport, NanoClock clock, int maxConnections, double timeoutSeconds) {
    this.transport = transport;
    this.clock = clock;
    this.maxConnections = maxConnections;
    this.timeoutSeconds = timeoutSeconds;
  }

  @Override
  public void start(SessionContext ctx) {
    ctx.progress().started.incrementAndGet();
    new HttpSession(ctx, pool(ctx.spec().target())).start();
  }

  private FixedChannelPool pool(Target target) {
    return pools.computeIfAbsent(target, this::newPool);
  }

  private FixedChannelPool newPool(Target target) {
    var bootstrap =
        transport
            .bootstrap(timeoutSeconds)
            .remoteAddress(new InetSocketAddress(target.host(), target.port()));
    InetSocketAddress local = transport.nextSourceAddress();
    if (local != null) bootstrap.localAddress(local);
    var handler =
        new AbstractChannelPoolHandler() {
          @Override
          public void channelCreated(Channel ch) {
            ReadStamp readStamp = new ReadStamp(clock);
            ch.pipeline().addLast(readStamp);
            if (target.tls()) {
              ch.pipeline()
                  .addLast(transport.ssl().newHandler(ch.alloc(), target.host(), target.port()));
            }
            ch.pipeline()
                .addLast(
                    new HttpClientCodec(),
                    new HttpObjectAggregator(MessageLimit.MAX_BYTES),
                    new HttpExchangeHandler(readStamp));
          }
        };
    return new FixedChannelPool(
        bootstrap,
        handler,
        ChannelHealthChecker.ACTIVE,
        FixedChannelPool.AcquireTimeoutAction.FAIL,
        Math.round(timeoutSeconds * 1000),
        maxConnections,
        Integer.MAX_VALUE);
  }

  @Override
  public void close() {
    pools.values().forEach(FixedChannelPool::close);
    pools.clear();
  }
}
