package dev.openenvbench.server;

import dev.openenvbench.protocol.Json;
import java.util.Map;

/**
 * One HTTP response, independent of Netty. {@code headers} are extra headers (e.g. allow).
 *
 * @param stepNanos for a step's reply, the environment's share of it ({@link
 *     dev.openenvbench.env.NonBlockingEnvironment.TimedStep#takes()}), which the transport
 *     subtracts to record the server's own step overhead; -1 for any other reply
 */
record HttpReply(
    int status, String contentType, String body, Map<String, String> headers, long stepNanos) {
  HttpReply(int status, String contentType, String body, Map<String, String> headers) {
    this(status, contentType, body, headers, -1);
  }

  /** This reply, as the reply to a step whose environment took {@code nanos}. */
  HttpReply ofStep(long nanos) {
    return new HttpReply(status, contentType, body, headers, nanos);
  }

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
