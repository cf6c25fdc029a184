package dev.openenvbench.env;

import dev.openenvbench.protocol.StepResult;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmark environment with blocking steps, as {@link BenchmarkProfile} asks: a step spins its
 * thread for the CPU time, then sleeps its wait, either on the session's own thread or on the
 * type's shared fixed pool (where steps queue once every pool thread is busy). Blocking on purpose:
 * the server runs it off its event loops, as it runs any environment an author wrote with a plain
 * {@code step}.
 */
final class ModelledEnvironment implements Environment {
  private final NonBlockingEnvironment plain;
  private final double cpuMillis;
  private final ExecutorService pool;

  /**
   * @param pool the shared step pool, or null to step on the caller's thread
   */
  ModelledEnvironment(NonBlockingEnvironment plain, double cpuMillis, ExecutorService pool) {
    this.plain = plain;
    this.cpuMillis = cpuMillis;
    this.pool = pool;
  }

  @Override
  public StepResult reset(ObjectNode options) throws Exception {
    return plain.reset(options);
  }

  @Override
  public StepResult step(Map<String, Object> action) throws Exception {
    if (pool == null) return spinThenWait(action);
    Future<StepResult> onPool = pool.submit(() -> spinThenWait(action));
    try {
      return onPool.get();
    } catch (InterruptedException e) {
      onPool.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private StepResult spinThenWait(Map<String, Object> action) throws Exception {
    spin(cpuMillis);
    return plain.step(action);
  }

  /**
   * Keeps the thread busy for {@code millis} of wall time. Busy, not asleep: a virtual thread that
   * spins holds its carrier, so the worker's cores are the limit, as in a CPU-bound environment.
   */
  static void spin(double millis) {
    long until = System.nanoTime() + Math.round(millis * 1e6);
    while (System.nanoTime() < until) Thread.onSpinWait();
  }

  @Override
  public Map<String, Object> state() throws Exception {
    return plain.state();
  }

  @Override
  public void close() {
    plain.close();
  }
}
