package dev.openenvbench.server;

import dev.openenvbench.launch.ServeArgs;
import java.util.Map;

/**
 * Whether a server process may share its port with others: only the workers of one {@code serve
 * --workers} may, and only with each other (the supervisor holds the port for them, {@link
 * PortClaim}). docs/server.md, "One port, one server", says why.
 */
public enum PortSharing {
  /**
   * The port is this process's alone: bound without SO_REUSEPORT, so the kernel refuses the bind
   * when anyone else uses the port, and refuses anyone else afterwards. Every {@code serve} a user
   * starts.
   */
  EXCLUSIVE,

  /**
   * Shared with the other workers of the supervisor that started this process: bound with
   * SO_REUSEPORT, so the kernel spreads connections over the workers.
   */
  WITH_SIBLING_WORKERS;

  /** What this process may do, from its environment and its parent. */
  public static PortSharing ofThisProcess() {
    return of(
        System.getenv(), ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
  }

  /**
   * WITH_SIBLING_WORKERS when {@code environment} names {@code parentPid} as this process's
   * supervisor ({@link ServeArgs#WORKER_OF_ENV}). A variable naming any other process was
   * inherited, not given, and does not count.
   */
  public static PortSharing of(Map<String, String> environment, long parentPid) {
    String supervisor = environment.get(ServeArgs.WORKER_OF_ENV);
    return supervisor != null && supervisor.strip().equals(Long.toString(parentPid))
        ? WITH_SIBLING_WORKERS
        : EXCLUSIVE;
  }
}
