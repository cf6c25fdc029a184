package dev.openenvbench.env;

/**
 * How the benchmark environment models a real one: the knobs that make a deployment's limits
 * reproducible. All off by default ({@link #PLAIN}): the environment then sleeps on a timer and its
 * wire is the seed's, byte for byte.
 *
 * @param stepCpuMillis milliseconds each step spins its thread busy before its wait (a CPU-bound
 *     environment: a worker does at most cores × 1000 / ms steps a second)
 * @param stepPoolThreads when > 0, every step (spin and wait) runs on one fixed pool of this many
 *     threads per worker, so at most that many steps run at once whatever the session cap (a sync
 *     tool on anyio's default limiter of 40, or uvicorn's 32-thread pool); steps beyond it queue
 * @param observationBytes when > 0, every observation carries a {@code payload} string of this many
 *     ASCII characters (an environment that returns images or long text)
 */
public record BenchmarkProfile(double stepCpuMillis, int stepPoolThreads, int observationBytes) {
  public static final BenchmarkProfile PLAIN = new BenchmarkProfile(0, 0, 0);

  /** The observation field that carries {@link #observationBytes}. */
  public static final String PAYLOAD = "payload";

  public BenchmarkProfile {
    if (!(stepCpuMillis >= 0) || stepCpuMillis > 60_000) {
      throw new IllegalArgumentException("--step-cpu-ms must be 0..60000, got " + stepCpuMillis);
    }
    if (stepPoolThreads < 0 || stepPoolThreads > 10_000) {
      throw new IllegalArgumentException(
          "--step-pool-threads must be 0..10000 (0 = no pool), got " + stepPoolThreads);
    }
    if (observationBytes < 0 || observationBytes > 64 * 1024 * 1024) {
      throw new IllegalArgumentException(
          "--observation-bytes must be 0..67108864, got " + observationBytes);
    }
  }

  /** Whether a step holds a thread (spins or waits on the pool) rather than a timer. */
  public boolean blocking() {
    return stepCpuMillis > 0 || stepPoolThreads > 0;
  }

  /** One line for the server's start-up log; empty when plain. */
  public String describe() {
    if (equals(PLAIN)) return "";
    StringBuilder b = new StringBuilder("modelled steps:");
    if (stepCpuMillis > 0) b.append(" ").append(stepCpuMillis).append(" ms CPU each;");
    if (stepPoolThreads > 0) b.append(" on a pool of ").append(stepPoolThreads).append(" threads;");
    if (observationBytes > 0) b.append(" ").append(observationBytes).append("-byte payload;");
    return b.substring(0, b.length() - 1);
  }
}
