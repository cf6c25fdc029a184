package dev.openenvbench.server;

import dev.openenvbench.env.BenchmarkVariant;
import dev.openenvbench.env.Environment;
import dev.openenvbench.env.HostIdentity;
import dev.openenvbench.protocol.StepResult;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmark environment with injected faults: construction can fail (FACTORY_ERROR), and a step
 * whose {@code wait_seconds} is exactly 0.5 throws (EXECUTION_ERROR).
 */
final class FaultyEnvironmentType extends BenchmarkVariant {
  private final boolean failToCreate;

  FaultyEnvironmentType(HostIdentity host, boolean failToCreate) {
    super(host);
    this.failToCreate = failToCreate;
  }

  @Override
  public String factoryName() {
    return "FaultyEnvironment";
  }

  @Override
  public Environment create() throws Exception {
    if (failToCreate) {
      throw new IllegalStateException("cannot build");
    }
    Environment inner = benchmark.create();
    return new Environment() {
      @Override
      public StepResult reset(ObjectNode options) throws Exception {
        return inner.reset(options);
      }

      @Override
      public StepResult step(Map<String, Object> action) throws Exception {
        if (action.get("wait_seconds").equals(0.5)) {
          throw new IllegalStateException("step exploded");
        }
        return inner.step(action);
      }

      @Override
      public Map<String, Object> state() throws Exception {
        return inner.state();
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }
}
