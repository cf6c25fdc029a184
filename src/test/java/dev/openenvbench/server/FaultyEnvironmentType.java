package dev.openenvbench.server;

import dev.openenvbench.env.BenchmarkVariant;
import dev.openenvbench.env.Environment;
import dev.openenvbench.env.ForwardingEnvironment;
import dev.openenvbench.env.HostIdentity;
import dev.openenvbench.protocol.StepResult;
import java.util.Map;

/**
 * The benchmark environment with injected faults: construction can fail (FACTORY_ERROR), and a step
 * whose {@code wait_seconds} is exactly 0.5 throws (EXECUTION_ERROR).
 */
final class FaultyEnvironmentType extends BenchmarkVariant {
  private final boolean failToCreate;
  private final boolean atOnce;

  /** Whether the last {@link #create()} ran on a virtual thread of the server's, not a loop. */
  volatile Boolean createdOnAThread;

  FaultyEnvironmentType(HostIdentity host, boolean failToCreate) {
    this(host, failToCreate, false);
  }

  /**
   * @param atOnce says its {@link #create()} never blocks, so the server calls it on the loop
   */
  FaultyEnvironmentType(HostIdentity host, boolean failToCreate, boolean atOnce) {
    super(host);
    this.failToCreate = failToCreate;
    this.atOnce = atOnce;
  }

  @Override
  public boolean createsAtOnce() {
    return atOnce;
  }

  @Override
  public String factoryName() {
    return "FaultyEnvironment";
  }

  @Override
  public Environment create() throws Exception {
    createdOnAThread = Thread.currentThread().isVirtual();
    if (failToCreate) {
      throw new IllegalStateException("cannot build");
    }
    return new ForwardingEnvironment(benchmark.create()) {
      @Override
      public StepResult step(Map<String, Object> action) throws Exception {
        if (action.get("wait_seconds").equals(0.5)) {
          throw new IllegalStateException("step exploded");
        }
        return inner.step(action);
      }
    };
  }
}
