package dev.openenvbench.loadgen;

import java.net.URI;
import java.util.Locale;

/**
 * One server the harness talks to, parsed from a root URL such as {@code http://127.0.0.1:8000}.
 * The WebSocket URL is the root with {@code http→ws} and {@code /ws} appended, as the OpenEnv
 * client does; HTTP routes are appended to the root path.
 */
public record Target(String url, String host, int port, boolean tls, String basePath) {

  public static Target parse(String url) {
    String u = url.strip();
    if (!u.contains("://")) u = "http://" + u;
    URI uri = URI.create(u);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean tls =
        switch (scheme) {
          case "http", "ws" -> false;
          case "https", "wss" -> true;
          default -> throw new IllegalArgumentException("unsupported URL scheme in " + url);
        };
    if (uri.getHost() == null) throw new IllegalArgumentException("no host in URL " + url);
    int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    if (path.endsWith("/ws")) path = path.substring(0, path.length() - 3);
    String root = (tls ? "https" : "http") + "://" + uri.getHost() + ":" + port + path;
    return new Target(root, uri.getHost(), port, tls, path);
  }

  public URI wsUri() {
    return URI.create((tls ? "wss" : "ws") + "://" + host + ":" + port + basePath + "/ws");
  }

  /** Request path of an HTTP route, e.g. {@code /reset} under the root's path. */
  public String httpPath(String route) {
    return basePath + route;
  }

  /** The value of the HTTP Host header. */
  public String hostHeader() {
    return host + ":" + port;
  }
}
