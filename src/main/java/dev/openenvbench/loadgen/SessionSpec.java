package dev.openenvbench.loadgen;

/**
 * What one session must do: connect to {@code target}, reset, step {@code steps} times asking to
 * wait {@code waitSeconds}, close; each reply awaited at most {@code timeoutSeconds}; what it sends
 * and how it pauses as {@code workload} says.
 */
public record SessionSpec(
    int requestId,
    Target target,
    double waitSeconds,
    int steps,
    double timeoutSeconds,
    Workload workload) {

  /** A session of the seed's workload. */
  public SessionSpec(
      int requestId, Target target, double waitSeconds, int steps, double timeoutSeconds) {
    this(requestId, target, waitSeconds, steps, timeoutSeconds, Workload.BENCHMARK);
  }
}
