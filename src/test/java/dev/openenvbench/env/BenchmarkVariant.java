package dev.openenvbench.env;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmark environment type with another factory: the base of the test environments that
 * inject a fault or a behaviour into its instances (they override {@link #create}) while keeping
 * its actions, metadata and schema.
 */
public abstract class BenchmarkVariant implements EnvironmentType {
  protected final EnvironmentType benchmark;

  protected BenchmarkVariant(HostIdentity host) {
    this.benchmark = new BenchmarkEnvironmentType(600, host);
  }

  @Override
  public String factoryName() {
    return getClass().getSimpleName();
  }

  @Override
  public ActionCheck validateAction(ObjectNode action) {
    return benchmark.validateAction(action);
  }

  @Override
  public Map<String, Object> metadata() {
    return benchmark.metadata();
  }

  @Override
  public String schemaJson() {
    return benchmark.schemaJson();
  }
}
