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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP routes of an OpenEnv server (docs/protocol.md §4), free of Netty. HTTP is stateless:
 * every {@code /reset}, {@code /step}, {@code /state} and {@code /metadata} builds a fresh
 * environment, uses it once and closes it, exactly as Python's server does.
 *
 * <p>Which routes exist and how replies look follow the server's {@link Dialect}: the OpenEnv
 * release it speaks (observation metadata from 0.4, the Task API from 0.5, {@code /schema}'s {@code
 * reset_observation} from 0.8) and its mode (production drops {@code /reset}, {@code /step}, {@code
 * /state}).
 *
 * <p>Environment code runs on {@link EnvCalls}; the returned future completes there, or on the
 * connection's loop for a timed step. A failed future is the transport's 500.
 */
final class HttpApi {
  private static final String OPENAPI = resource("openapi.json");
  private static final String OPENAPI_TASK_API = resource("openapi-task-api.json");
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  /** path → methods it answers, for 404 vs 405 and the allow header (simulation mode). */
  private static final Map<String, String> SIMULATION_ROUTES =
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

  private static final List<String> SIMULATION_ONLY =
      List.of(Routes.RESET, Routes.STEP, Routes.STATE);

  private final EnvironmentType type;
  private final EnvCalls calls;
  private final ServerMetrics metrics;
  private final McpEndpoint mcp;
  private final Map<String, String> routes;
  private final boolean observationMetadata;
  private final TaskApi tasks;
  private final String schema;
  private final String openapi;

  HttpApi(
      EnvironmentType type,
      EnvCalls calls,
      ServerMetrics metrics,
      McpEndpoint mcp,
      Dialect dialect) {
    this.type = type;
    this.calls = calls;
    this.metrics = metrics;
    this.mcp = mcp;
    Map<String, String> r = new HashMap<>(SIMULATION_ROUTES);
    if (!dialect.simulationRoutes()) {
      SIMULATION_ONLY.forEach(r::remove);
    }
    this.routes = Map.copyOf(r);
    this.observationMetadata = dialect.release().observationMetadata();
    this.tasks = dialect.release().taskApi() ? new TaskApi(type.envName()) : null;
    this.schema = schema(type.schemaJson(), dialect);
    this.openapi = openapi(dialect);
  }

  /**
   * {@code /schema}; from 0.8 with {@code reset_observation} (our resets return the observation).
   */
  private static String schema(String base, Dialect dialect) {
    if (!dialect.release().resetObservationSchema()) {
      return base;
    }
    ObjectNode doc = (ObjectNode) Json.parse(base);
    doc.set("reset_observation", doc.get("observation").deepCopy());
    return Json.write(doc);
  }

  /** {@code /openapi.json} with the paths this dialect has, in Python's registration order. */
  private static String openapi(Dialect dialect) {
    ObjectNode doc = (ObjectNode) Json.parse(OPENAPI);
    ObjectNode paths = Json.mapper().createObjectNode();
    if (dialect.release().taskApi()) {
      ObjectNode taskApi = (ObjectNode) Json.parse(OPENAPI_TASK_API);
      paths.setAll((ObjectNode) taskApi.get("paths"));
      ((ObjectNode) doc.get("components").get("schemas"))
          .setAll((ObjectNode) taskApi.get("components").get("schemas"));
    }
    paths.setAll((ObjectNode) doc.get("paths"));
    if (!dialect.simulationRoutes()) {
      paths.remove(SIMULATION_ONLY);
    }
    doc.set("paths", paths);
    return Json.write(doc);
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
    String allowed = routes.get(path);
    TaskApi.Match task = null;
    if (allowed == null && tasks != null) {
      if (path.equals(TaskApi.LIST_ENVIRONMENTS)) {
        allowed = "GET";
      } else if ((task = TaskApi.match(path)) != null) {
        allowed = TaskApi.allowedMethod(task);
      }
    }
    if (allowed == null) {
      return done(HttpReply.notFound());
    }
    String effective = method.equals("HEAD") ? "GET" : method;
    if (!allowed.equals(effective)) {
      return done(HttpReply.methodNotAllowed(allowed.equals("GET") ? "GET, HEAD" : allowed));
    }
    if (task != null) {
      return taskRoute(task, body, contentType);
    }
    return switch (path) {
      case Routes.HEALTH -> done(HttpReply.json(200, Map.of("status", "healthy")));
      case Routes.SCHEMA -> done(HttpReply.rawJson(200, schema));
      case Routes.OPENAPI -> done(HttpReply.rawJson(200, openapi));
      case TaskApi.LIST_ENVIRONMENTS -> done(tasks.listEnvironments());
      case Routes.METRICS -> done(HttpReply.text(200, PROMETHEUS, metrics.scrape()));
      case Routes.METADATA -> done(HttpReply.json(200, type.metadata()));
      case Routes.RESET -> reset(body, contentType);
      case Routes.STEP -> step(body, contentType, loop);
      case Routes.STATE -> withFreshEnv(env -> HttpReply.json(200, env.state()));
      case Routes.MCP -> mcp(body);
      default -> done(HttpReply.notFound());
    };
  }

  private CompletableFuture<HttpReply> taskRoute(
      TaskApi.Match task, String body, String contentType) {
    HttpReply refused = tasks.check(task, body, contentType);
    if (refused != null) {
      return done(refused);
    }
    // OpenEnv asks a fresh instance for the task method (and closes it), so a factory that fails
    // fails here too.
    return withFreshEnv(env -> TaskApi.notSupported(task));
  }

  private CompletableFuture<HttpReply> reset(String body, String contentType) {
    RequestBodies.Checked checked = RequestBodies.reset(body, contentType);
    if (!checked.ok()) {
      return done(unprocessable(checked.errors(), false));
    }
    return withFreshEnv(
        env -> HttpReply.json(200, env.reset(checked.body()).httpBody(observationMetadata)));
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
                step ->
                    calls.deliver(
                        step,
                        start,
                        r ->
                            HttpReply.json(200, r.httpBody(observationMetadata))
                                .ofStep(step.takes().toNanos()),
                        loop));
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
