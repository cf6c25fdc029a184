package dev.openenvbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code openenv-bench} root command. Each subcommand is one class in this package that builds
 * a config record, validates it and hands it to the package that owns the work.
 */
@Command(
    name = "openenv-bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Measure how OpenEnv environment deployments scale: serve, run, report.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ServeCommand.class,
      RunCommand.class,
      ReportCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the run finished but failed a requirement (e.g. --require-hosts)",
      "2:bad arguments",
      "3:aborted (interrupted, or a server went away mid-run); collected data was kept",
      "4:internal error"
    })
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI without exiting the JVM; tests call this. */
  public static int execute(String... args) {
    return newCommandLine().execute(args);
  }

  static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExitCodeExceptionMapper(ExitCode::forException);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("error: " + ex.getMessage());
          c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
          return ExitCode.BAD_ARGUMENTS.code();
        });
    // A value the config records reject (say --max-concurrent-envs 0) is bad input too: one line,
    // not a stack trace. Anything else is a bug and keeps picocli's trace and exit code 4.
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (!(ex instanceof IllegalArgumentException)) {
            throw ex;
          }
          c.getErr().println("error: " + ex.getMessage());
          return ExitCode.BAD_ARGUMENTS.code();
        });
    return cl;
  }
}
