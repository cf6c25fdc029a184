package dev.openenvbench.launch;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts another {@code openenv-bench} command in a child JVM: the same java,
 * JVM options and class path as this process. Children therefore get the launcher's flags and the
 * user's {@code OPENENV_BENCH_JAVA_OPTS} (a heap size, say) just as this process did.
 *
 * <p>The one way to start a child: {@code serve --workers}, {@code run --processes} and the local
 * server of {@code run} without {@code --url} all use it.
 */
public final class ChildJvm {
  /** What {@code serve} prints on stdout, followed by its URL, once it listens. */
  public static final String SERVE_READY = "openenv-bench serve: listening on ";

  /** The exit status of a command that was interrupted (Ctrl-C, SIGTERM) before it finished. */
  public static final int EXIT_ABORTED = 3;

  private ChildJvm() {}

  public static List<String> command(List<String> cliArgs) {
    List<String> cmd = new ArrayList<>();
    // Not "java" from PATH, which may be an older JDK than the one running now.
    cmd.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java"));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.openenvbench.cli.Main"));
    cmd.addAll(cliArgs);
    return cmd;
  }
}
