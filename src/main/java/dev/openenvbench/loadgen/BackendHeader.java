package dev.openenvbench.loadgen;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * Which backend answered, from the headers load balancers and hosts add to say so: for {@code
 * unique_hosts} when the environment's observation names no host. The first of {@link #NAMES}
 * present wins, written {@code name=value}.
 */
final class BackendHeader {
  /**
   * Headers that name the answering backend: nginx/HAProxy/Varnish habits ({@code X-Backend},
   * {@code X-Backend-Server}, {@code X-Served-By}, {@code X-Server}, {@code X-Upstream}), Fly.io's
   * {@code Fly-Instance-Id}, and generic instance ids.
   */
  static final List<String> NAMES =
      List.of(
          "x-backend",
          "x-backend-server",
          "x-served-by",
          "x-server",
          "x-upstream",
          "x-upstream-host",
          "x-instance-id",
          "fly-instance-id");

  private BackendHeader() {}

  /** The backend the headers name, or null when none of {@link #NAMES} is there. */
  static String of(HttpHeaders headers) {
    for (String name : NAMES) {
      String v = headers.get(name);
      if (v != null && !v.isBlank()) return name + "=" + v.strip();
    }
    return null;
  }
}
