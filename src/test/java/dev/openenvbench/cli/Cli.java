package dev.openenvbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs a command of the CLI in this JVM, as a user would type it, and keeps what it printed: the
 * command line's own output and everything the command wrote to {@code System.err} (progress,
 * notices), in order. One at a time: it swaps {@code System.err} while the command runs.
 */
final class Cli {
  record Result(int exit, String out, String err) {}

  private Cli() {}

  static synchronized Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream original = System.err;
    // Swapped before the command line exists: picocli may give a subcommand a fresh writer over
    // System.err while it runs (seen with serve), which must then be this one too.
    System.setErr(errStream);
    try {
      CommandLine cl = Main.newCommandLine(args);
      cl.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
      cl.setErr(new PrintWriter(errStream, true));
      int exit = cl.execute(args);
      return new Result(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
