package dev.openenvbench.loadgen;

/**
 * Why a session failed: a closed set, so the console and the files can count failures by cause.
 * {@link #errorType()} goes to {@code error_type}, {@link #errorCode()} to {@code error_code}.
 */
public sealed interface SessionFailure {
  String errorType();

  String message();

  default String errorCode() {
    return null;
  }

  /** The server refused the TCP connection (nothing listening, or a full accept queue). */
  record ConnectRefused(String message) implements SessionFailure {
    public String errorType() {
      return "connect_refused";
    }
  }

  /** The TCP connection did not complete within the timeout. */
  record ConnectTimeout(String message) implements SessionFailure {
    public String errorType() {
      return "connect_timeout";
    }
  }

  /** Any other failure to open the connection (unreachable host, DNS, TLS). */
  record ConnectError(String message) implements SessionFailure {
    public String errorType() {
      return "connect_error";
    }
  }

  /** The server answered the WebSocket upgrade with something other than 101. */
  record HandshakeRejected(int status, String message) implements SessionFailure {
    public String errorType() {
      return "ws_handshake";
    }

    public String errorCode() {
      return "HTTP_" + status;
    }
  }

  /**
   * The server sent an OpenEnv error frame; {@code code} is its {@code data.code}. For
   * CAPACITY_REACHED the server's active and max session counts are kept (null otherwise).
   */
  record ServerError(String code, String message, Integer activeSessions, Integer maxSessions)
      implements SessionFailure {
    public String errorType() {
      return "openenv_error";
    }

    public String errorCode() {
      return code;
    }
  }

  /** An HTTP route answered with a non-2xx status. */
  record HttpStatus(int status, String message) implements SessionFailure {
    public String errorType() {
      return "http_status";
    }

    public String errorCode() {
      return "HTTP_" + status;
    }
  }

  /**
   * A 429 (too many requests) or 503 (unavailable) answer, to a request or to the WebSocket
   * upgrade: what a proxy in front of the server says (Hugging Face Spaces, a load balancer, a
   * sleeping Space), told apart from the server's own failures.
   *
   * @param retryAfter the answer's {@code Retry-After} header as sent (seconds or an HTTP date),
   *     null without one
   */
  record ProxyRefusal(int status, String retryAfter, String message) implements SessionFailure {
    public String errorType() {
      return status == 429 ? "rate_limited" : "unavailable";
    }

    public String errorCode() {
      return "HTTP_" + status;
    }

    /** Whether {@code status} is one of the answers this kind stands for. */
    static boolean covers(int status) {
      return status == 429 || status == 503;
    }
  }

  /**
   * An MCP action ({@code --actions}' {@code {"type":"mcp",...}}) was answered with a JSON-RPC
   * error: the server refused the call (unknown tool, bad arguments, no MCP support).
   *
   * @param error the JSON-RPC error's code and message, e.g. {@code -32601 Method not found: x}
   */
  record McpError(String error) implements SessionFailure {
    public String errorType() {
      return "mcp_error";
    }

    public String errorCode() {
      int space = error.indexOf(' ');
      return "JSONRPC_" + (space < 0 ? error : error.substring(0, space));
    }

    public String message() {
      return "the MCP call was answered with JSON-RPC error " + error;
    }
  }

  /** No reply within the timeout while waiting in {@code phase}. */
  record ReadTimeout(String phase, double timeoutSeconds) implements SessionFailure {
    public String errorType() {
      return "read_timeout";
    }

    public String message() {
      return "no reply during " + phase + " within " + timeoutSeconds + " s";
    }
  }

  /** The connection closed or was reset before the session was over. */
  record ConnectionClosed(String phase, String message) implements SessionFailure {
    public String errorType() {
      return "connection_closed";
    }
  }

  /** The server said something the protocol does not allow at that point. */
  record ProtocolError(String message) implements SessionFailure {
    public String errorType() {
      return "protocol_error";
    }
  }

  /** A keep-alive ping had no pong within the pong timeout ({@code --pong-timeout-seconds}). */
  record PingTimeout(double pongTimeoutSeconds) implements SessionFailure {
    public String errorType() {
      return "ping_timeout";
    }

    public String message() {
      return "no pong within " + pongTimeoutSeconds + " s of a keep-alive ping";
    }
  }

  /**
   * A ping went unanswered for the pong timeout, but this process's own event loop was late by
   * {@code lagMs}, as much as the timeout: the harness, not the server, may have missed the pong.
   */
  record HarnessStalled(double pongTimeoutSeconds, double lagMs) implements SessionFailure {
    public String errorType() {
      return "harness_stalled";
    }

    public String message() {
      return String.format(
          java.util.Locale.ROOT,
          "no pong within %s s, but the harness's event loop was %.0f ms late: not the server's"
              + " fault",
          pongTimeoutSeconds,
          lagMs);
    }
  }

  /**
   * The harness abandoned the session mid-step on purpose ({@code --abandon}): it is not the
   * server's failure, and its slot is what the probe after the cell watches.
   */
  record Abandoned(Connection.Abandon how) implements SessionFailure {
    public String errorType() {
      return "abandoned";
    }

    public String message() {
      return "abandoned during its first step on purpose (--abandon-how " + how.label() + ")";
    }

    /** A silent session's socket stays open, unread, until the probe after the cell is done. */
    boolean keepsSocket() {
      return how == Connection.Abandon.SILENT;
    }
  }

  /**
   * Carries a failure found by a handler of the connection's pipeline (the keep-alive) to the
   * session handler, as Netty carries every error: by {@code exceptionCaught}.
   */
  final class Raised extends RuntimeException {
    private final transient SessionFailure failure;

    Raised(SessionFailure failure) {
      super(failure.message(), null, false, false);
      this.failure = failure;
    }

    SessionFailure failure() {
      return failure;
    }
  }

  /** This machine's limits, not the server: out of file descriptors or ephemeral ports. */
  record ClientLimit(String message) implements SessionFailure {
    public String errorType() {
      return "client_limit";
    }
  }
}
