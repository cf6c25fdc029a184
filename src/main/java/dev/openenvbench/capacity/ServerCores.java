package dev.openenvbench.capacity;

import dev.openenvbench.loadgen.Target;
import dev.openenvbench.results.ServerSide;
import java.util.List;

/**
 * How many cores the server of a probe may use, and who said so: the server itself, on its {@code
 * /metrics} ({@code system_cpu_count}: the cores its JVM may use, after its affinity mask, a
 * container's quota or {@code -XX:ActiveProcessorCount}), else this machine's count for a server on
 * loopback (an upper bound: a server held to fewer cores then reads as less busy than it was, so
 * the server's CPU is never named on a guess), else unknown.
 *
 * @param count the cores, 0 when unknown
 * @param source {@link #SERVER}, {@link #THIS_MACHINE}, or null when unknown
 */
record ServerCores(int count, String source) {
  static final String SERVER = "server /metrics (system_cpu_count)";
  static final String THIS_MACHINE = "this machine (the server is on loopback)";
  static final ServerCores UNKNOWN = new ServerCores(0, null);

  static ServerCores of(ServerSide server, List<Target> targets) {
    if (server.cpuCount() != null) return new ServerCores(server.cpuCount(), SERVER);
    if (!targets.isEmpty() && targets.stream().allMatch(Target::loopback)) {
      return new ServerCores(Runtime.getRuntime().availableProcessors(), THIS_MACHINE);
    }
    return UNKNOWN;
  }
}
