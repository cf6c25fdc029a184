package dev.openenvbench.server;

import dev.openenvbench.protocol.Json;
import java.util.Map;

/** One HTTP response, independent of Netty. {@code headers} are extra headers (e.g. allow). */
record HttpReply(int status, String contentType, String body, Map<String, String> headers) {
  static final String JSON = "application/json";

  static HttpReply json(int status, Object value) {
    return new HttpReply(status, JSON, Json.write(value), Map.of());
  }

  static HttpReply rawJson(int status, String text) {
    return new HttpReply(status, JSON, text, Map.of());
  }

  static HttpReply text(int status, String contentType, String text) {
    return new HttpReply(status, contentType, text, Map.of());
  }

  static HttpReply notFound() {
    return json(404, Map.of("detail", "Not Found"));
  }

  static HttpReply methodNotAllowed(String allow) {
    return new HttpReply(
        405, JSON, Json.write(Map.of("detail", "Method Not Allowed")), Map.of("allow", allow));
  }

  /** What Starlette sends for an exception inside a route. */
  static HttpReply internalError() {
    return text(500, "text/plain; charset=utf-8", "Internal Server Error");
  }
}
