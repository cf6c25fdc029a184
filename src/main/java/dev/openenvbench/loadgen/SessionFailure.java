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

  /** This machine's limits, not the server: out of file descriptors or ephemeral ports. */
  record ClientLimit(String message) implements SessionFailure {
    public String errorType() {
      return "client_limit";
    }
  }
}
