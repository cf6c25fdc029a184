package dev.openenvbench.loadgen;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import dev.openenvbench.results.HarnessLoad;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the harness process while a cell runs: process CPU, event-loop lag (a probe task queued
 * on every loop each {@value #PERIOD_MS} ms; its delay is how late any session event could have
 * been stamped), GC time and open file descriptors. A cell is flagged saturated by {@link
 * #saturated}: then the harness, not the server, may have shaped the numbers.
 */
public final class SelfMonitor implements AutoCloseable {
  static final long PERIOD_MS = 100;
  public static final double LAG_LIMIT_MS = 20;
  public static final double CPU_LIMIT = 0.9;
  private final EventLoopGroup group;
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("openenv-bench-monitor").unstarted(r));
  private volatile double lagMaxMs;
  private volatile double lagLastMs;
  private volatile double cpuMax;
  private volatile long fdsMax;
  private long cpuStartNanos;
  private long gcStartMs;
  private long wallStartNanos;

  public SelfMonitor(EventLoopGroup group) {
    this.group = group;
    sampler.scheduleAtFixedRate(this::sample, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** Starts a new measurement window (a cell). */
  public synchronized void reset() {
    lagMaxMs = 0;
    cpuMax = 0;
    fdsMax = openFds();
    cpuStartNanos = os.getProcessCpuTime();
    gcStartMs = gcMillis();
    wallStartNanos = System.nanoTime();
  }

  /** What the window since {@link #reset} looked like. */
  public synchronized HarnessLoad snapshot() {
    double wall = Math.max(1e-9, (System.nanoTime() - wallStartNanos) / 1e9);
    double cpuSeconds = (os.getProcessCpuTime() - cpuStartNanos) / 1e9;
    double gcMs = gcMillis() - gcStartMs;
    int cores = Runtime.getRuntime().availableProcessors();
    return new HarnessLoad(
        cpuSeconds,
        cpuMax,
        lagMaxMs,
        gcMs,
        fdsMax,
        saturated(lagMaxMs, cpuSeconds, gcMs, wall, cores));
  }

  /**
   * Whether the harness may have shaped a window's numbers: an event loop was late by the lag limit
   * (the direct evidence), or, over a window long enough to average (1 s), the process used 90% of
   * the cores, or GC paused it for more than 5% of the window and at least the lag limit. Short
   * windows are judged by lag alone: one JIT burst or one young GC in a 0.1 s cell of two sessions
   * is not saturation, and a pause that long shows up as lag anyway.
   */
  static boolean saturated(
      double lagMaxMs, double cpuSeconds, double gcMs, double wallSeconds, int cores) {
    if (lagMaxMs >= LAG_LIMIT_MS) return true;
    boolean longEnough = wallSeconds >= 1;
    boolean busy = cpuSeconds / wallSeconds / cores >= CPU_LIMIT;
    boolean paused = gcMs >= LAG_LIMIT_MS && gcMs > 50 * wallSeconds;
    return longEnough && (busy || paused);
  }

  private void sample() {
    double cpu = os.getProcessCpuLoad();
    if (cpu > cpuMax) cpuMax = cpu;
    long fds = openFds();
    if (fds > fdsMax) fdsMax = fds;
    long queuedAt = System.nanoTime();
    for (EventExecutor loop : group) {
      loop.execute(
          () -> {
            double lag = (System.nanoTime() - queuedAt) / 1e6;
            lagLastMs = lag;
            if (lag > lagMaxMs) lagMaxMs = lag;
          });
    }
  }

  /** The event-loop lag of the latest probe, in ms (live metrics). */
  public double lagLastMs() {
    return lagLastMs;
  }

  /** The longest event-loop lag since the cell started ({@link #reset}), in ms. */
  public double lagMaxMs() {
    return lagMaxMs;
  }

  /** Open file descriptors of this process, or -1 where the JVM cannot tell. */
  public static long openFds() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean u
        ? u.getOpenFileDescriptorCount()
        : -1;
  }

  /** The most file descriptors this process may open, or -1 where the JVM cannot tell. */
  public static long maxFds() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean u
        ? u.getMaxFileDescriptorCount()
        : -1;
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
