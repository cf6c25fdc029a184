package dev.openenvbench.loadgen;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before a cell starts, that this process can hold its connections: file descriptors (one
 * per WebSocket session, one per pooled HTTP connection, plus a margin) against the open-files
 * limit, and connections per source address against the ephemeral-port range. Returns what to do
 * instead of letting the cell fail half-way with client-side errors.
 */
public final class Preflight {
  static final int FD_MARGIN = 200;

  private Preflight() {}

  /**
   * @param sockets connections this process will hold at once
   * @param targets distinct servers they are spread over
   * @param sourceAddresses local addresses they are spread over (0 = the kernel's choice)
   * @return problems, each a sentence saying what to do; empty when the cell fits
   */
  public static List<String> check(int sockets, int targets, int sourceAddresses) {
    List<String> problems = new ArrayList<>();
    long maxFds = SelfMonitor.maxFds();
    long needFds = sockets + SelfMonitor.openFds() + FD_MARGIN;
    if (maxFds > 0 && needFds > maxFds) {
      problems.add(
          String.format(
              "%d concurrent connections need about %d open files, but this process may open %d"
                  + " (ulimit -n). Raise the limit (ulimit -n, up to the hard limit %s),"
                  + " or split the load over several harness processes (run several 'run' commands"
                  + " with --output-dir shards, or --processes K where available).",
              sockets, needFds, maxFds, "of your shell"));
    }
    int ports = ephemeralPorts();
    long perPair =
        (long) Math.ceil(sockets / (double) (Math.max(1, targets) * Math.max(1, sourceAddresses)));
    if (ports > 0 && perPair > ports) {
      problems.add(
          String.format(
              "%d connections per (source address, server) exceed the %d ephemeral ports"
                  + " (net.ipv4.ip_local_port_range). Spread them with --source-addresses"
                  + " 127.0.0.2,127.0.0.3,... (loopback) or over several --urls.",
              perPair, ports));
    }
    return problems;
  }

  /** Size of the kernel's ephemeral port range, or -1 if unknown. */
  static int ephemeralPorts() {
    return PortRange.current().map(PortRange::size).orElse(-1);
  }
}
