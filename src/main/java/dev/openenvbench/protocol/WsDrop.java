package dev.openenvbench.protocol;

import java.time.Duration;

/**
 * The WebSocket closes a server starts on its own under a slot rule (docs/protocol.md §5.5,
 * docs/server.md "Slot rules"): the close code, the reason text the close frame carries, and the
 * {@code reason} label of {@code openenv_sessions_dropped_total}. A client tells them apart by
 * code, and from a shutdown's 1001 by the reason text.
 *
 * <ul>
 *   <li>{@link #PONG_TIMEOUT}: 1011, as websockets/uvicorn close a peer that misses its keepalive
 *       ping ("keepalive ping timeout"), so clients built on websockets treat both alike. The peer
 *       is usually unreachable anyway; the code is for the log of one that is not.
 *   <li>{@link #IDLE_TIMEOUT}: 1001 "going away": the server leaves a session nobody uses, nothing
 *       went wrong (AWS API Gateway closes idle WebSockets with 1001 too). Not 1000, which would
 *       read as the client's own request.
 *   <li>{@link #RECEIVE_BUDGET}: 1013 "try again later": the message was not too big (that is
 *       1009); the server's memory for messages still arriving was, at that moment, all in use.
 * </ul>
 */
public enum WsDrop {
  PONG_TIMEOUT(1011, "pong_timeout"),
  IDLE_TIMEOUT(1001, "idle_timeout"),
  RECEIVE_BUDGET(1013, "receive_budget");

  private final int closeCode;
  private final String metricReason;

  WsDrop(int closeCode, String metricReason) {
    this.closeCode = closeCode;
    this.metricReason = metricReason;
  }

  public int closeCode() {
    return closeCode;
  }

  /** The {@code reason} label of {@code openenv_sessions_dropped_total}. */
  public String metricReason() {
    return metricReason;
  }

  /** {@code no pong within 60 s}: the pong timeout, counted from the first unanswered ping. */
  public static String noPongWithin(Duration timeout) {
    return "no pong within " + seconds(timeout) + " s";
  }

  /** {@code idle for 300 s}: how long the session had neither a message nor a reply. */
  public static String idleFor(Duration idle) {
    return "idle for " + seconds(idle) + " s";
  }

  /** The budget for messages still arriving, summed over a worker's connections, in MiB. */
  public static String receiveBufferFull(long budgetBytes) {
    return "server busy: its " + budgetBytes / (1024 * 1024) + " MiB for incoming messages is full";
  }

  /** {@code 60}, or {@code 2.5} for a fractional option value. */
  static String seconds(Duration d) {
    return d.toNanos() % 1_000_000_000L == 0
        ? Long.toString(d.toSeconds())
        : Double.toString(d.toNanos() / 1e9);
  }
}
