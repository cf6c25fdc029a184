package dev.openenvbench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;

/**
 * A {@code serve --workers} supervisor's hold on its port, so that its workers, and nobody else,
 * share it. Made of two sockets the supervisor binds but never listens on (a socket that listens
 * would be handed connections it never accepts):
 *
 * <ol>
 *   <li>a probe, bound as a single server binds (SO_REUSEADDR, no SO_REUSEPORT), then closed: it
 *       fails when anyone listens on the port, another supervisor's workers included, so a port in
 *       use is refused before any worker starts;
 *   <li>a holder, bound with SO_REUSEPORT and without SO_REUSEADDR, kept until {@link #close}: the
 *       kernel lets sockets with SO_REUSEPORT of the same user join it (the workers), and refuses
 *       every other bind, a single server's or another supervisor's probe. It keeps the port while
 *       the workers start and while a dead one is replaced, when no worker may be listening.
 * </ol>
 *
 * <p>Between closing the probe and binding the holder there are microseconds, not the second a
 * worker JVM takes to start. The holder cannot be bound while the port still has connections in
 * TIME_WAIT from a server that did not use SO_REUSEPORT (one that stopped less than a minute ago);
 * then the workers alone keep the port, from when the first listens. Not thread-safe.
 */
public final class PortClaim implements AutoCloseable {
  private final int port;
  private final Socket holder;

  private PortClaim(int port, Socket holder) {
    this.port = port;
    this.holder = holder;
  }

  /**
   * Claims {@code port} on {@code host} (0: a free port) for a supervisor's workers.
   *
   * @throws IllegalArgumentException when the port is in use or the address cannot be bound
   */
  public static PortClaim forWorkers(String host, int port) {
    int claimed = requireFree(host, port);
    return new PortClaim(claimed, hold(host, claimed));
  }

  /**
   * Checks that nobody uses {@code port} on {@code host}, as a single server's bind would.
   *
   * @return the port, the kernel's choice when {@code port} is 0
   * @throws IllegalArgumentException in one line, when the port is in use or the address cannot be
   *     bound
   */
  public static int requireFree(String host, int port) {
    try (Socket probe = new Socket()) {
      // As a listener binds: connections of an earlier server in TIME_WAIT do not make it "in use".
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
      return probe.getLocalPort();
    } catch (IOException e) {
      throw cannotListen(host, port, e);
    }
  }

  /** The one-line error for a bind of {@code host:port} that failed with {@code cause}. */
  static IllegalArgumentException cannotListen(String host, int port, Exception cause) {
    String address = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    return new IllegalArgumentException(
        "cannot listen on " + address + ": " + cause.getMessage(), cause);
  }

  /** The holder, or null when the kernel refuses it (see the class comment). */
  private static Socket hold(String host, int port) {
    Socket holder = new Socket();
    try {
      if (!holder.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
        holder.close();
        return null;
      }
      // Without SO_REUSEADDR: a bound socket that has it does not stop others that have it too.
      holder.setReuseAddress(false);
      holder.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      holder.bind(new InetSocketAddress(host, port));
      return holder;
    } catch (IOException e) {
      try {
        holder.close();
      } catch (IOException ignored) {
        // Never bound; nothing to release.
      }
      return null;
    }
  }

  /** The claimed port: the one asked for, or the kernel's choice for 0. */
  public int port() {
    return port;
  }

  /** Releases the port (the workers' own sockets keep it until they close). */
  @Override
  public void close() throws IOException {
    if (holder != null) {
      holder.close();
    }
  }
}
