package dev.openenvbench.cli;

import dev.openenvbench.env.ActionCheck;
import dev.openenvbench.env.Environment;
import dev.openenvbench.env.EnvironmentType;
import dev.openenvbench.protocol.Json;
import dev.openenvbench.protocol.StepResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.node.ObjectNode;

/**
 * An environment with another action schema than the benchmark's: it takes any JSON object, echoes
 * it in its observation ({@code echo}, {@code step_count}) and ends the episode ({@code done:
 * true}) on an action with {@code "finish": true}. It records every action and reset payload the
 * server handed it, as compact JSON, so a test sees exactly what the harness sent. Thread-safe.
 */
final class EchoEnvironmentType implements EnvironmentType {
  final List<String> actions = new CopyOnWriteArrayList<>();
  final List<String> resets = new CopyOnWriteArrayList<>();

  @Override
  public String factoryName() {
    return "EchoEnvironment";
  }

  @Override
  public Environment create() {
    return new Echo();
  }

  @Override
  public ActionCheck validateAction(ObjectNode action) {
    actions.add(Json.write(action));
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = Json.mapper().convertValue(action, LinkedHashMap.class);
    return new ActionCheck.Valid(fields);
  }

  @Override
  public Map<String, Object> metadata() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "EchoEnvironment");
    m.put("description", "echoes its actions");
    m.put("readme_content", null);
    m.put("version", "1.0");
    m.put("author", null);
    m.put("documentation_url", null);
    return m;
  }

  @Override
  public String schemaJson() {
    return "{\"action\":{},\"observation\":{},\"state\":{}}";
  }

  private final class Echo implements Environment {
    private final String episode = UUID.randomUUID().toString();
    private int steps;

    @Override
    public StepResult reset(ObjectNode options) {
      resets.add(Json.write(options));
      steps = 0;
      return new StepResult(Map.of("step_count", 0, "session_hash", episode), null, false);
    }

    @Override
    public StepResult step(Map<String, Object> action) {
      steps++;
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("echo", action);
      o.put("step_count", steps);
      o.put("session_hash", episode);
      return new StepResult(o, 1.0, Boolean.TRUE.equals(action.get("finish")));
    }

    @Override
    public Map<String, Object> state() {
      return Map.of("episode_id", episode, "step_count", steps);
    }

    @Override
    public void close() {}
  }
}
