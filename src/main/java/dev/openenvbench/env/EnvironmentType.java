package dev.openenvbench.env;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the server needs to know about one kind of environment: how to make instances (the
 * factory), how to validate an action, and what to publish on {@code /metadata} and {@code
 * /schema}. Python keeps these on the Environment, Action and Observation classes; Java keeps them
 * here so that the server never needs reflection.
 *
 * <p>Implementations are immutable and thread-safe. To serve a new environment, implement this and
 * {@link Environment}, then pass the type to {@code BenchServer} (see docs/environments.md).
 */
public interface EnvironmentType {
  /** The factory's name as Python would print it (the class name), used in FACTORY_ERROR. */
  String factoryName();

  /**
   * The environment's name in the Task API routes ({@code /list_environments}, {@code
   * /{env_name}/...}; OpenEnv 0.5+'s {@code env_name}); Python's default is the factory's name.
   */
  default String envName() {
    return factoryName();
  }

  /** A new, independent instance. May block; may throw (FACTORY_ERROR on {@code /ws}). */
  Environment create() throws Exception;

  /**
   * Whether {@link #create()} returns at once, never blocking: the server then calls it on the
   * connection's event loop instead of a thread of its own (no thread start, no two hand-overs per
   * session). False unless a type knows better.
   */
  default boolean createsAtOnce() {
    return false;
  }

  /** Checks and coerces an action, like pydantic's validation of the Action class. */
  ActionCheck validateAction(ObjectNode action);

  /**
   * {@code /metadata}: {@code name, description, readme_content, version, author,
   * documentation_url}, in that order, nulls included.
   */
  Map<String, Object> metadata();

  /**
   * {@code /schema}: one JSON object text with {@code action}, {@code observation}, {@code state}.
   */
  String schemaJson();
}
