package dev.openenvbench.launch;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts another {@code openenv-bench} command in a child JVM: the same java, JVM options and class
 * path as this process. Children therefore get the launcher's flags and the user's {@code
 * OPENENV_BENCH_JAVA_OPTS} (a heap size, say) just as this process did.
 *
 * <p>The one way to start a child: {@code serve --workers}, {@code run --processes} and the local
 * server of {@code run} without {@code --url} all use it. The CLI creates the instance ({@link
 * #of}) and hands it down, because only the CLI knows its main class and exit codes; this package
 * knows no other package of the project. Immutable and thread-safe.
 *
 * <p>A child never outlives its parent: every child gets {@link #PARENT_PID_ENV} and a pipe as its
 * standard input, whose write end only this process holds, so the kernel closes it when this
 * process dies, however it dies. The child's {@link ParentWatch} reads that end-of-file and stops
 * the child as SIGTERM would. Callers therefore must not redirect a child's input, nor close {@link
 * Process#getOutputStream()}.
 */
public final class ChildJvm {
  /** What {@code serve} prints on stdout, followed by its URL, once it listens. */
  public static final String SERVE_READY = "openenv-bench serve: listening on ";

  /**
   * The environment variable that tells a child it was started here, and so that its standard input
   * is its parent's pipe; its value is the parent's pid. Not an option: a user who copies a child's
   * command line from {@code ps} gets a process that does not watch a parent.
   */
  public static final String PARENT_PID_ENV = "OPENENV_BENCH_PARENT_PID";

  private final Class<?> mainClass;
  private final int abortedStatus;

  private ChildJvm(Class<?> mainClass, int abortedStatus) {
    this.mainClass = mainClass;
    this.abortedStatus = abortedStatus;
  }

  /**
   * @param mainClass the CLI's entry point, whose {@code main} takes a command and its options
   * @param abortedStatus the exit status of a command that was stopped (Ctrl-C, SIGTERM, the server
   *     went away) before it finished, its files kept
   */
  public static ChildJvm of(Class<?> mainClass, int abortedStatus) {
    return new ChildJvm(mainClass, abortedStatus);
  }

  /**
   * A process builder for {@code command} (not started), with its environment applied and its
   * standard input a pipe from this process (see the class comment: leave it so).
   */
  public ProcessBuilder processBuilder(ChildCommand command) {
    ProcessBuilder builder = new ProcessBuilder(argv(command));
    builder.environment().putAll(command.environment());
    builder.environment().put(PARENT_PID_ENV, Long.toString(ProcessHandle.current().pid()));
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    return builder;
  }

  /**
   * The command line that runs {@code command} in a JVM like this one (its java, options and class
   * path), without its environment: for a launcher that starts it elsewhere ({@code srun} on other
   * nodes, which need the same paths: a shared file system).
   */
  public List<String> argv(ChildCommand command) {
    List<String> argv = new ArrayList<>();
    // Not "java" from PATH, which may be an older JDK than the one running now.
    argv.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java"));
    argv.addAll(inheritedJvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
    argv.addAll(command.args());
    return argv;
  }

  /**
   * This JVM's options for a child: all of them (heap, GC, the start-up cache it loads with {@code
   * -XX:AOTCache}), but not the ones that train a start-up cache (bin/aot-cache.sh): a child that
   * trained too would write the same file as its parent.
   */
  static List<String> inheritedJvmOptions(List<String> options) {
    return options.stream()
        .filter(
            o ->
                !o.startsWith("-XX:AOTCacheOutput")
                    && !o.startsWith("-XX:AOTConfiguration")
                    && !o.startsWith("-XX:AOTMode"))
        .toList();
  }

  /** Whether a child that has exited says it was stopped before it finished. */
  public boolean wasAborted(Process exited) {
    return exited.exitValue() == abortedStatus;
  }
}
