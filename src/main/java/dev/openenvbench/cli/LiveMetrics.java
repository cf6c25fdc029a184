package dev.openenvbench.cli;

import dev.openenvbench.loadgen.HarnessMetrics;

/** {@code --metrics-port}: the option's checks and the line that says where the metrics are. */
final class LiveMetrics {
  private LiveMetrics() {}

  /**
   * @param port the option's value, null when not given
   * @throws IllegalArgumentException a port out of range or one that cannot be bound
   */
  static HarnessMetrics start(Integer port) {
    if (port == null) return HarnessMetrics.NONE;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--metrics-port must be 0..65535, got " + port);
    }
    HarnessMetrics m = HarnessMetrics.serve(port);
    System.err.println("openenv-bench: live metrics on http://0.0.0.0:" + m.port() + "/metrics");
    return m;
  }
}
