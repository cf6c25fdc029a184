package dev.openenvbench.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's ephemeral port range ({@code net.ipv4.ip_local_port_range}): how many connections
 * one source address can open to one server. Read line by line on purpose: on this project's CI
 * kernel a whole-file read of that /proc file ({@code Files.readString}) returns one byte ("3"),
 * which silently disabled the pre-flight port check.
 */
record PortRange(int low, int high) {
  private static final Path FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  static Optional<PortRange> current() {
    try {
      List<String> lines = Files.readAllLines(FILE);
      String[] r = lines.getFirst().trim().split("\\s+");
      return Optional.of(new PortRange(Integer.parseInt(r[0]), Integer.parseInt(r[1])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  int size() {
    return high - low + 1;
  }

  @Override
  public String toString() {
    return low + "-" + high;
  }
}
