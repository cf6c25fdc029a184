package dev.openenvbench.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's own resources on {@code /metrics}, under the names the Prometheus client libraries
 * use for every language ({@code process_cpu_seconds_total}, {@code process_resident_memory_bytes},
 * {@code process_open_fds}, {@code process_max_fds}), so dashboards made for other servers read
 * ours; plus {@code jvm_gc_collection_seconds_total} per collector, as the JVM's collector beans
 * count it (with a concurrent collector such as ZGC this includes its concurrent cycles), and
 * {@code system_cpu_count}, the cores the JVM may use (its affinity mask, a container's CPU quota,
 * {@code -XX:ActiveProcessorCount}), under Micrometer's name: with the CPU counter it says how many
 * of its cores a worker kept busy, which {@code capacity} names as a limit. A value the platform
 * cannot give (RSS off Linux) is NaN, never a guess.
 */
final class ProcessMeters {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMeters() {}

  static void register(MeterRegistry registry) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    Gauge.builder("system.cpu.count", Runtime.getRuntime(), Runtime::availableProcessors)
        .description("the number of processors available to the Java virtual machine")
        .register(registry);
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      FunctionCounter.builder("process.cpu", sun, b -> b.getProcessCpuTime() / 1e9)
          .baseUnit("seconds")
          .description("user and system CPU time of this process")
          .register(registry);
    }
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      Gauge.builder("process.open.fds", unix, u -> u.getOpenFileDescriptorCount())
          .description("open file descriptors (sockets included)")
          .register(registry);
      Gauge.builder("process.max.fds", unix, u -> u.getMaxFileDescriptorCount())
          .description("the open file descriptor limit")
          .register(registry);
    }
    Gauge.builder("process.resident.memory", STATUS, ProcessMeters::residentBytes)
        .baseUnit("bytes")
        .description("resident set size (VmRSS)")
        .register(registry);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      FunctionCounter.builder("jvm.gc.collection", gc, b -> b.getCollectionTime() / 1e3)
          .baseUnit("seconds")
          .tag("gc", gc.getName())
          .description("time spent collecting, as the collector's MXBean counts it")
          .register(registry);
    }
  }

  /** VmRSS from {@code /proc/self/status} (kB), or NaN where there is none. */
  static double residentBytes(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).strip().split("\\s+");
          return Long.parseLong(parts[0]) * 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
