package dev.openenvbench.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;

/** The event loops the server and the harness run on: native epoll on Linux, NIO elsewhere. */
public final class EventLoops {
  /**
   * How long before a timer is due a {@link #precise} loop stops sleeping: more than a sleeping
   * thread's lateness (0.2–0.4 ms on the 2-core VM this was measured on, tens of microseconds on
   * bare metal), and little enough that the polling costs ~1% of a core per timer every 100 ms.
   */
  static final Duration LEAD = Duration.ofMillis(1);

  /** The fraction of each loop's time that polling for timers may use. */
  static final double POLLING_SHARE = 0.05;

  private EventLoops() {}

  public static boolean epoll() {
    return Epoll.isAvailable();
  }

  public static EventLoopGroup group(int threads) {
    return new MultiThreadIoEventLoopGroup(threads, io());
  }

  /**
   * Loops whose scheduled tasks run within microseconds of their deadline; see {@link
   * PreciseTimers}.
   */
  public static EventLoopGroup precise(int threads) {
    return new MultiThreadIoEventLoopGroup(threads, new PreciseTimers(io(), LEAD, POLLING_SHARE));
  }

  private static IoHandlerFactory io() {
    return epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }
}
