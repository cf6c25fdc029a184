package dev.openenvbench.loadgen;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Maps transport exceptions to the {@link SessionFailure} taxonomy. */
final class Failures {
  private Failures() {}

  /** A failure while opening the TCP connection. */
  static SessionFailure onConnect(Throwable cause) {
    String msg = text(cause);
    if (isClientLimit(msg)) return new SessionFailure.ClientLimit(msg);
    if (cause instanceof ConnectTimeoutException) return new SessionFailure.ConnectTimeout(msg);
    if (cause instanceof NoRouteToHostException || cause instanceof UnknownHostException) {
      return new SessionFailure.ConnectError(msg);
    }
    if (cause instanceof ConnectException) return new SessionFailure.ConnectRefused(msg);
    return new SessionFailure.ConnectError(msg);
  }

  /** A failure on an open connection, while the session was in {@code phase}. */
  static SessionFailure onConnection(Throwable cause, String phase) {
    if (cause instanceof SessionFailure.Raised r) return r.failure();
    for (Throwable c = cause; c != null; c = c.getCause()) {
      // Netty wraps a failed handshake in a DecoderException: it is the connection's TLS.
      if (c instanceof SSLException) return new SessionFailure.ConnectError("TLS: " + text(c));
    }
    String msg = text(cause);
    if (isClientLimit(msg)) return new SessionFailure.ClientLimit(msg);
    if (cause instanceof IOException) return new SessionFailure.ConnectionClosed(phase, msg);
    return new SessionFailure.ProtocolError(phase + ": " + msg);
  }

  /** A non-2xx answer to an HTTP request: a proxy's 429/503 has a kind of its own. */
  static SessionFailure onHttpStatus(int status, HttpHeaders headers, String message) {
    if (SessionFailure.ProxyRefusal.covers(status)) {
      return new SessionFailure.ProxyRefusal(
          status, headers.get(HttpHeaderNames.RETRY_AFTER), message);
    }
    return new SessionFailure.HttpStatus(status, message);
  }

  /** A WebSocket upgrade answered with something other than 101. */
  static SessionFailure onUpgradeRejected(int status, HttpHeaders headers, String message) {
    if (SessionFailure.ProxyRefusal.covers(status)) {
      return new SessionFailure.ProxyRefusal(
          status, headers.get(HttpHeaderNames.RETRY_AFTER), message);
    }
    return new SessionFailure.HandshakeRejected(status, message);
  }

  static boolean isClientLimit(String msg) {
    String m = msg.toLowerCase(Locale.ROOT);
    return m.contains("too many open files")
        || m.contains("cannot assign requested address")
        || m.contains("address already in use");
  }

  static String text(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
