package dev.openenvbench.protocol;

import java.net.URI;
import java.util.Locale;

/**
 * Where an OpenEnv server is, normalised from the root URL a user gives, e.g. {@code
 * http://127.0.0.1:8000}, and the URLs of its routes. The rules are the OpenEnv client's
 * (docs/protocol.md §7.1): a missing scheme means plain HTTP, {@code http→ws} and {@code
 * https→wss}, {@code /ws} appended to the root; a root given as its {@code …/ws} URL is accepted
 * too. HTTP routes live under the root's path, so a server behind a path-routing proxy ({@code
 * http://lb/env1}) works.
 *
 * @param url the normalised root: {@code http} or {@code https}, explicit port, no trailing slash
 * @param basePath the root's path without a trailing slash, {@code ""} for none
 */
public record ServerUrl(String url, String host, int port, boolean tls, String basePath) {

  /**
   * @throws IllegalArgumentException if the URL has no host or a scheme other than http(s)/ws(s)
   */
  public static ServerUrl parse(String url) {
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
    if (path.endsWith(Routes.WS)) path = path.substring(0, path.length() - Routes.WS.length());
    String root = (tls ? "https" : "http") + "://" + uri.getHost() + ":" + port + path;
    return new ServerUrl(root, uri.getHost(), port, tls, path);
  }

  /** The session endpoint, {@code ws(s)://host:port/<root path>/ws}. */
  public URI wsUri() {
    return URI.create((tls ? "wss" : "ws") + "://" + hostHeader() + basePath + Routes.WS);
  }

  /** Request path of an HTTP route (one of {@link Routes}) under the root's path. */
  public String httpPath(String route) {
    return basePath + route;
  }

  /** The absolute URL of an HTTP route, for clients that take one. */
  public URI httpUri(String route) {
    return URI.create(url + route);
  }

  /** The value of the HTTP Host header, {@code host:port}. */
  public String hostHeader() {
    return host + ":" + port;
  }
}
