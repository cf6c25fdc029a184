package dev.openenvbench.loadgen;

import com.sun.management.OperatingSystemMXBean;
import dev.openenvbench.results.RunManifest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the harness runs on, for the run manifest: what limits a load test here. */
final class MachineInfo {
  private MachineInfo() {}

  static RunManifest.Machine current() {
    long memory =
        ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
            ? os.getTotalMemorySize()
            : -1;
    return new RunManifest.Machine(
        hostname(),
        Runtime.getRuntime().availableProcessors(),
        memory,
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("os.arch"),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
        SelfMonitor.maxFds(),
        PortRange.current().map(PortRange::toString).orElse("unknown"));
  }

  private static String hostname() {
    try {
      return Files.readAllLines(Path.of("/proc/sys/kernel/hostname")).getFirst().strip();
    } catch (IOException | RuntimeException e) {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e2) {
        return "unknown";
      }
    }
  }
}
