package dev.openenvbench.server;

import dev.openenvbench.protocol.FieldError;
import dev.openenvbench.protocol.Json;
import dev.openenvbench.protocol.PythonRepr;
import dev.openenvbench.server.RequestBodies.TaskField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OpenEnv 0.5+'s Task API routes (docs/protocol.md §4.8): {@code GET /list_environments} and five
 * routes under {@code /{env_name}/}. No Java environment offers tasks yet, so every task route
 * answers as OpenEnv does for an environment without task methods: 501 {@code "<method> is not
 * supported for this environment"}, after FastAPI's body validation (422) and the environment name
 * check (404, case-insensitive).
 */
final class TaskApi {
  static final String LIST_ENVIRONMENTS = "/list_environments";

  /** One route under {@code /{env_name}/}: its HTTP method, Python method name and body fields. */
  private record Operation(String httpMethod, String pythonMethod, Map<String, TaskField> body) {}

  /** Keyed by the path's last segment, in the order OpenEnv registers them. */
  private static final Map<String, Operation> OPERATIONS = operations();

  /** A request to one of the five routes under {@code /{env_name}/}. */
  record Match(String envName, String operation) {}

  private final String envName;

  TaskApi(String envName) {
    this.envName = envName;
  }

  /** The five routes' paths for {@code /openapi.json}, in registration order. */
  static List<String> templatePaths() {
    return OPERATIONS.keySet().stream().map(op -> "/{env_name}/" + op).toList();
  }

  /** {@code /{name}/{operation}} with a known operation, else null. */
  static Match match(String path) {
    String[] parts = path.split("/", -1);
    if (parts.length != 3 || !parts[0].isEmpty() || parts[1].isEmpty()) {
      return null;
    }
    return OPERATIONS.containsKey(parts[2]) ? new Match(parts[1], parts[2]) : null;
  }

  static String allowedMethod(Match match) {
    return OPERATIONS.get(match.operation()).httpMethod();
  }

  /** {@code ["benchmark"]}. */
  HttpReply listEnvironments() {
    return HttpReply.json(200, List.of(envName));
  }

  /**
   * The reply to a matched route whose method is right, or null when the environment must be asked
   * (a 501 here, once a fresh environment has been built and closed, as OpenEnv does).
   */
  HttpReply check(Match match, String body, String contentType) {
    Operation op = OPERATIONS.get(match.operation());
    if (op.body() != null) {
      RequestBodies.Checked checked = RequestBodies.task(body, contentType, op.body());
      if (!checked.ok()) {
        return HttpReply.json(422, Map.of("detail", FieldError.toMaps(checked.errors(), false)));
      }
    }
    if (!match.envName().toLowerCase(Locale.ROOT).equals(envName.toLowerCase(Locale.ROOT))) {
      String repr = PythonRepr.repr(Json.mapper().getNodeFactory().stringNode(match.envName()));
      return HttpReply.json(404, Map.of("detail", "unknown environment " + repr));
    }
    return null;
  }

  /** What an environment without task methods answers. */
  static HttpReply notSupported(Match match) {
    return HttpReply.json(
        501,
        Map.of(
            "detail",
            OPERATIONS.get(match.operation()).pythonMethod()
                + " is not supported for this environment"));
  }

  private static Map<String, Operation> operations() {
    Map<String, TaskField> split = Map.of("split", TaskField.STRING);
    Map<String, TaskField> task = new LinkedHashMap<>();
    task.put("split", TaskField.STRING);
    task.put("index", TaskField.INT);
    Map<String, TaskField> range = new LinkedHashMap<>();
    range.put("split", TaskField.STRING);
    range.put("start", TaskField.OPTIONAL_INT);
    range.put("stop", TaskField.OPTIONAL_INT);
    Map<String, Operation> ops = new LinkedHashMap<>();
    ops.put("splits", new Operation("GET", "list_splits", null));
    ops.put("tasks", new Operation("POST", "list_tasks", split));
    ops.put("num_tasks", new Operation("POST", "num_tasks", split));
    ops.put("task", new Operation("POST", "get_task", task));
    ops.put("task_range", new Operation("POST", "get_task_range", range));
    return ops;
  }
}
