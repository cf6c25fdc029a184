package dev.openenvbench.server;

import java.time.Duration;

/**
 * When the server gives a WebSocket session's slot back without being asked (docs/server.md "Slot
 * rules"). Immutable; validated on construction.
 *
 * @param pingInterval how long a session may send no message before the server pings it, and then
 *     the time between pings; {@link Duration#ZERO} turns pings off (uvicorn's {@code
 *     ws_ping_interval}, 20 s)
 * @param pongTimeout how long after the first unanswered ping the peer is dropped (close 1011) if
 *     no byte at all has come from it; checked at each ping, so the drop comes up to one ping
 *     interval later. Unused without pings
 * @param sessionIdleTimeout how long a session may have no message in flight and send none before
 *     it is closed (1001), for clients that answer pings but never send; {@link Duration#ZERO} is
 *     off, as OpenEnv's {@code session_timeout=None}
 * @param receiveBudgetBytes the most memory this process holds for WebSocket messages still
 *     arriving, summed over all connections; a connection whose next bytes would go past it is
 *     closed with 1013. 0 derives it from this process's heap ({@link #budgetFor})
 */
public record SlotRules(
    Duration pingInterval,
    Duration pongTimeout,
    Duration sessionIdleTimeout,
    long receiveBudgetBytes) {
  public static final long MIB = 1024 * 1024;
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);

  /**
   * Three pings: more lenient than uvicorn's 20 s, so a healthy client whose event loop is busy
   * with 100,000 sessions is not dropped for answering late.
   */
  public static final Duration DEFAULT_PONG_TIMEOUT = Duration.ofSeconds(60);

  public SlotRules {
    require(!pingInterval.isNegative(), "ping interval must be >= 0, got " + pingInterval);
    require(pongTimeout.isPositive(), "pong timeout must be > 0, got " + pongTimeout);
    require(
        !sessionIdleTimeout.isNegative(),
        "session idle timeout must be >= 0, got " + sessionIdleTimeout);
    require(receiveBudgetBytes >= 0, "receive budget must be >= 0, got " + receiveBudgetBytes);
  }

  /** Pings every 20 s, a 60 s pong timeout, no idle timeout, a budget derived from the heap. */
  public static SlotRules defaults() {
    return new SlotRules(DEFAULT_PING_INTERVAL, DEFAULT_PONG_TIMEOUT, Duration.ZERO, 0);
  }

  /** The rules as the command line gives them: seconds (0 = off) and MiB (0 = from the heap). */
  public static SlotRules of(
      double pingSeconds, double pongTimeoutSeconds, double idleTimeoutSeconds, long bufferMib) {
    require(bufferMib >= 0, "--ws-buffer-mib must be >= 0, got " + bufferMib);
    return new SlotRules(
        seconds(pingSeconds, "--ping-seconds"),
        seconds(pongTimeoutSeconds, "--pong-timeout-seconds"),
        seconds(idleTimeoutSeconds, "--session-idle-timeout"),
        Math.multiplyExact(bufferMib, MIB));
  }

  private static Duration seconds(double seconds, String option) {
    require(
        Double.isFinite(seconds) && seconds >= 0 && seconds < 1e9,
        option + " must be a number of seconds >= 0, got " + seconds);
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  public boolean pings() {
    return pingInterval.isPositive();
  }

  public boolean idleTimeoutOn() {
    return sessionIdleTimeout.isPositive();
  }

  /**
   * The receive budget this process uses: the configured one, or a quarter of the maximum heap
   * (Netty's buffers count against a limit of the same size), but always room for one message of
   * {@code maxMessageBytes}.
   */
  public long budgetFor(long maxHeapBytes, int maxMessageBytes) {
    if (receiveBudgetBytes > 0) {
      return receiveBudgetBytes;
    }
    return Math.max(maxHeapBytes / 4, maxMessageBytes);
  }

  /**
   * One line for the server's log: {@code pings every 20 s, pong timeout 60 s, no idle timeout}.
   */
  public String describe() {
    String ping =
        pings()
            ? "pings every "
                + seconds(pingInterval)
                + " s, pong timeout "
                + seconds(pongTimeout)
                + " s"
            : "no pings";
    String idle =
        idleTimeoutOn() ? "idle timeout " + seconds(sessionIdleTimeout) + " s" : "no idle timeout";
    return ping + ", " + idle;
  }

  private static String seconds(Duration d) {
    return d.toNanos() % 1_000_000_000L == 0
        ? Long.toString(d.toSeconds())
        : Double.toString(d.toNanos() / 1e9);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
