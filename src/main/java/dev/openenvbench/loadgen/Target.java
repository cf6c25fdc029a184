package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.ServerUrl;
import java.net.URI;

/**
 * One server the harness talks to, parsed from a root URL such as {@code http://127.0.0.1:8000}.
 * The URL rules (WebSocket URL, route paths, Host header) are the protocol's {@link ServerUrl}.
 */
public record Target(ServerUrl server) {

  /**
   * @throws IllegalArgumentException if the URL has no host or an unsupported scheme
   */
  public static Target parse(String url) {
    return new Target(ServerUrl.parse(url));
  }

  /** The normalised root URL, as recorded in the result files. */
  public String url() {
    return server.url();
  }

  public String host() {
    return server.host();
  }

  /** Whether the server is on this machine's loopback (127.x.y.z or localhost). */
  public boolean loopback() {
    return host().startsWith("127.") || host().equals("localhost");
  }

  public int port() {
    return server.port();
  }

  public boolean tls() {
    return server.tls();
  }

  public URI wsUri() {
    return server.wsUri();
  }

  /** Request path of an HTTP route, e.g. {@code /reset} under the root's path. */
  public String httpPath(String route) {
    return server.httpPath(route);
  }

  public URI httpUri(String route) {
    return server.httpUri(route);
  }

  /** The value of the HTTP Host header. */
  public String hostHeader() {
    return server.hostHeader();
  }
}
