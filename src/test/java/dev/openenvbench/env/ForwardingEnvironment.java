package dev.openenvbench.env;

import dev.openenvbench.protocol.StepResult;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * An environment that hands every call to another: the base of the test environments that change
 * one call of the benchmark's (a step that throws, one that stalls) and keep the rest.
 */
public class ForwardingEnvironment implements Environment {
  protected final Environment inner;

  public ForwardingEnvironment(Environment inner) {
    this.inner = inner;
  }

  @Override
  public StepResult reset(ObjectNode options) throws Exception {
    return inner.reset(options);
  }

  @Override
  public StepResult step(Map<String, Object> action) throws Exception {
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
}
