package dev.openenvbench.cli;

import dev.openenvbench.launch.ChildJvm;
import dev.openenvbench.launch.ParentWatch;
import dev.openenvbench.loadgen.RequestHeaders;
import dev.openenvbench.loadgen.RunArgs;
import dev.openenvbench.results.OutputWriteException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code openenv-bench} root command. Each subcommand is one class in this package that builds
 * a config record, validates it and hands it to the package that owns the work.
 *
 * <p>The one place where exceptions become exit codes ({@link #exitCodeFor}) and where every
 * command's {@code --help} gets the {@link ExitCode} table.
 */
@Command(
    name = "openenv-bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Measure how OpenEnv environment deployments scale: serve, run, report, compare,"
            + " merge, experiment.")
public final class Main {
  /**
   * The subcommands, in the order {@code --help} lists them. Added to the command line in code
   * rather than in {@code @Command(subcommands)}: building a command's options costs tens of
   * milliseconds at start-up, so a command line for {@code run ...} builds {@code run}'s alone
   * ({@link #newCommandLine(String...)}).
   */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          CommandLine.HelpCommand.class,
          ServeCommand.class,
          RunCommand.class,
          CapacityCommand.class,
          ReportCommand.class,
          CompareCommand.class,
          MergeCommand.class,
          ExperimentCommand.class);

  private Main() {}

  public static void main(String[] args) {
    // Only in a real process: a test calling execute() must not watch the test JVM's stdin.
    ParentWatch.startIfChild(System.getenv(), System.err);
    System.exit(execute(args));
  }

  /** Runs the CLI without exiting the JVM; tests call this. */
  public static int execute(String... args) {
    return newCommandLine(args).execute(args);
  }

  /** The whole command line, every subcommand in it. */
  static CommandLine newCommandLine() {
    return newCommandLine(new String[0]);
  }

  /**
   * The command line that {@code args} need: only the subcommand that {@code args[0]} names when it
   * names one other than {@code help} (what it parses and prints is the same as with all of them),
   * otherwise all of them (the root's help, {@code help COMMAND} and the "did you mean" of a
   * mistyped command read every subcommand).
   */
  static CommandLine newCommandLine(String... args) {
    CommandLine cl = new CommandLine(new Main());
    List<Class<?>> named =
        SUBCOMMANDS.stream()
            .filter(c -> c != CommandLine.HelpCommand.class)
            .filter(c -> args.length > 0 && c.getAnnotation(Command.class).name().equals(args[0]))
            .toList();
    for (Class<?> c : named.isEmpty() ? SUBCOMMANDS : named) cl.addSubcommand(c);
    listExitCodes(cl);
    cl.setExitCodeExceptionMapper(t -> exitCodeFor(t).code());
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("error: " + redactHeaders(ex.getMessage(), List.of(a)));
          c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
          return ExitCode.BAD_ARGUMENTS.code();
        });
    // Bad input (a value a config record rejects) and unwritable output are the user's to fix:
    // one line, no stack trace. Anything else is a bug: picocli prints the trace, and the mapper
    // above gives it INTERNAL_ERROR.
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          ExitCode code = exitCodeFor(ex);
          if (code == ExitCode.INTERNAL_ERROR) throw ex;
          c.getErr().println("error: " + ex.getMessage());
          return code.code();
        });
    return cl;
  }

  /**
   * How this CLI starts a child of itself ({@code serve} workers, {@code run}'s local server and
   * shards): this class as the child's main class, and ABORTED as the status that says a child was
   * stopped before it finished.
   */
  public static ChildJvm childJvm() {
    return ChildJvm.of(Main.class, ExitCode.ABORTED.code());
  }

  /**
   * A usage error's message with every argument that may hold a header value replaced by {@code
   * <redacted>}: the value of a {@code --header}, and anything shaped {@code Name: value} (a header
   * after a mistyped option is echoed back by picocli as an unknown argument).
   */
  static String redactHeaders(String message, List<String> args) {
    String out = message;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      boolean value = i > 0 && args.get(i - 1).equals(RunArgs.HEADER);
      String after = arg.startsWith("--") ? arg.substring(arg.indexOf('=') + 1) : arg;
      if (value || HEADER_SHAPED.matcher(arg).find()) {
        out = out.replace(arg, RequestHeaders.REDACTED);
      } else if (HEADER_SHAPED.matcher(after).find() || arg.startsWith(RunArgs.HEADER + "=")) {
        out = out.replace(after, RequestHeaders.REDACTED);
      }
    }
    return out;
  }

  private static final java.util.regex.Pattern HEADER_SHAPED =
      java.util.regex.Pattern.compile("^[!#-'*+.0-9A-Z^-z|~-]+:\\s");

  /** How an exception that ended a command maps to an exit code. */
  static ExitCode exitCodeFor(Throwable t) {
    return switch (t) {
      case OutputWriteException e -> ExitCode.OUTPUT_FAILED;
      case IllegalArgumentException e -> ExitCode.BAD_ARGUMENTS;
      default -> ExitCode.INTERNAL_ERROR;
    };
  }

  /** Every command's help ends with the same table, generated from {@link ExitCode}. */
  private static void listExitCodes(CommandLine cl) {
    cl.getCommandSpec()
        .usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCode.usageList());
    cl.getSubcommands().values().forEach(Main::listExitCodes);
  }
}
