package dev.openenvbench.server;

import dev.openenvbench.env.ActionCheck;
import dev.openenvbench.env.Environment;
import dev.openenvbench.env.EnvironmentType;
import dev.openenvbench.protocol.FieldError;
import dev.openenvbench.protocol.HttpCall;
import dev.openenvbench.protocol.Json;
import dev.openenvbench.protocol.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP routes of an OpenEnv server (docs/protocol.md §4), free of Netty. HTTP is stateless:
 * every {@code /reset}, {@code /step}, {@code /state} and {@code /metadata} builds a fresh
 * environment, uses it once and closes it, exactly as Python's server does.
 *
 * <p>Environment code runs on {@link EnvCalls}; the returned future completes there, or on the
 * connection's loop for a timed step. A failed future is the transport's 500.
 */
final class HttpApi {
  private static final String OPENAPI = resource("openapi.json");
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  /** path → methods it answers, for 404 vs 405 and the allow header. */
  private static final Map<String, String> ROUTES =
      Map.of(
          Routes.RESET, "POST",
          Routes.STEP, "POST",
          Routes.STATE, "GET",
          Routes.METADATA, "GET",
          Routes.HEALTH, "GET",
          Routes.SCHEMA, "GET",
          Routes.MCP, "POST",
          Routes.OPENAPI, "GET",
          Routes.METRICS, "GET");

  private final EnvironmentType type;
  private final EnvCalls calls;
  private final ServerMetrics metrics;
  private final McpEndpoint mcp;

  HttpApi(EnvironmentType type, EnvCalls calls, ServerMetrics metrics, McpEndpoint mcp) {
    this.type = type;
    this.calls = calls;
    this.metrics = metrics;
    this.mcp = mcp;
  }

  /**
   * @param method upper-case HTTP method; HEAD is answered like GET (the transport drops the body)
   * @param path the decoded path without query string
   * @param contentType the request's content-type header, or null
   * @param body the request body as text, empty when none was sent
   * @param loop the connection's event loop, which sends a timed step's reply when it is due
   */
  CompletableFuture<HttpReply> handle(
      String method, String path, String contentType, String body, ScheduledExecutorService loop) {
    String allowed = ROUTES.get(path);
    if (allowed == null) {
      return done(HttpReply.notFound());
    }
    String effective = method.equals("HEAD") ? "GET" : method;
    if (!allowed.equals(effective)) {
      return done(HttpReply.methodNotAllowed(allowed.equals("GET") ? "GET, HEAD" : allowed));
    }
    return switch (path) {
      case Routes.HEALTH -> done(HttpReply.json(200, Map.of("status", "healthy")));
      case Routes.SCHEMA -> done(HttpReply.rawJson(200, type.schemaJson()));
      case Routes.OPENAPI -> done(HttpReply.rawJson(200, OPENAPI));
      case Routes.METRICS -> done(HttpReply.text(200, PROMETHEUS, metrics.scrape()));
      case Routes.METADATA -> done(HttpReply.json(200, type.metadata()));
      case Routes.RESET -> reset(body, contentType);
      case Routes.STEP -> step(body, contentType, loop);
      case Routes.STATE -> withFreshEnv(env -> HttpReply.json(200, env.state()));
      case Routes.MCP -> mcp(body);
      default -> done(HttpReply.notFound());
    };
  }

  private CompletableFuture<HttpReply> reset(String body, String contentType) {
    RequestBodies.Checked checked = RequestBodies.reset(body, contentType);
    if (!checked.ok()) {
      return done(unprocessable(checked.errors(), false));
    }
    return withFreshEnv(env -> HttpReply.json(200, env.reset(checked.body()).httpBody()));
  }

  private CompletableFuture<HttpReply> step(
      String body, String contentType, ScheduledExecutorService loop) {
    RequestBodies.Checked checked = RequestBodies.step(body, contentType);
    if (!checked.ok()) {
      return done(unprocessable(checked.errors(), false));
    }
    return switch (type.validateAction(
        (tools.jackson.databind.node.ObjectNode) checked.body().get(HttpCall.ACTION))) {
      // Python re-validates the action inside the route, so these errors carry pydantic's url.
      case ActionCheck.Invalid(var errors) -> done(unprocessable(errors, true));
      case ActionCheck.Valid(var action) -> {
        long start = System.nanoTime();
        // As on /ws, a timed step's reply is encoded at once and leaves on time from the loop.
        yield withFreshEnv(env -> EnvCalls.timedStep(env, action))
            .thenCompose(
                step -> calls.deliver(step, start, r -> HttpReply.json(200, r.httpBody()), loop));
      }
    };
  }

  private CompletableFuture<HttpReply> mcp(String body) {
    JsonNode request;
    try {
      request = Json.parse(body == null ? "" : body);
    } catch (JacksonException | IllegalArgumentException e) {
      return done(HttpReply.json(200, McpEndpoint.parseError()));
    }
    return calls.submit(() -> HttpReply.json(200, mcp.handle(request)));
  }

  private interface EnvUse<T> {
    T apply(Environment env) throws Exception;
  }

  /** Runs {@code use} on a fresh environment on a virtual thread (its factory may block). */
  private <T> CompletableFuture<T> withFreshEnv(EnvUse<T> use) {
    return calls.submit(
        () -> {
          try (Environment env = type.create()) {
            return use.apply(env);
          }
        });
  }

  private static HttpReply unprocessable(List<FieldError> errors, boolean withUrl) {
    return HttpReply.json(422, Map.of("detail", FieldError.toMaps(errors, withUrl)));
  }

  private static CompletableFuture<HttpReply> done(HttpReply reply) {
    return CompletableFuture.completedFuture(reply);
  }

  private static String resource(String name) {
    try (InputStream in = HttpApi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
