package dev.openenvbench.env;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who is serving: the process id and {@code <hostname>:<port>}, the two values the benchmark's
 * observation carries so that a load test can count distinct workers and hosts.
 */
public record HostIdentity(long pid, String hostUrl) {
  /** This process on this host, with the port the server listens on. */
  public static HostIdentity current(int port) {
    return new HostIdentity(ProcessHandle.current().pid(), hostname() + ":" + port);
  }

  /**
   * The kernel's hostname, as Python's {@code socket.gethostname()} gives it. Read from /proc so
   * that a UTS namespace's name is seen and no DNS lookup can stall start-up.
   */
  static String hostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException | RuntimeException e) {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e2) {
        return "localhost";
      }
    }
  }
}
