package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.loadgen.CellPlan;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The CLI's contract: help, version, the exit-code table, and one line for input or output the user
 * has to fix.
 */
class CliTest {
  private static Cli.Result run(String... args) {
    return Cli.run(args);
  }

  @Test
  void helpListsCommandsAndExitCodes() {
    Cli.Result r = run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("serve", "Exit codes:", "2   bad arguments");
  }

  /**
   * A command line for one subcommand builds that subcommand alone (start-up time), and it is the
   * same command: its help, exit-code table included, matches the one built with all the others.
   */
  @ParameterizedTest(name = "{0} alone")
  @ValueSource(strings = {"serve", "run", "capacity", "report", "compare", "merge", "experiment"})
  void aSubcommandBuiltAloneIsTheSameCommand(String command) {
    CommandLine alone = Main.newCommandLine(command, "--help");
    assertThat(alone.getSubcommands()).containsOnlyKeys(command);
    assertThat(alone.getSubcommands().get(command).getUsageMessage())
        .isEqualTo(Main.newCommandLine().getSubcommands().get(command).getUsageMessage())
        .contains("Exit codes:");
    List<String> all =
        List.of("help", "serve", "run", "capacity", "report", "compare", "merge", "experiment");
    assertThat(Main.newCommandLine("--help").getSubcommands()).containsOnlyKeys(all);
    assertThat(Main.newCommandLine("help", command).getSubcommands()).containsOnlyKeys(all);
  }

  /** {@code help COMMAND} finds the command: the help subcommand reads its siblings. */
  @Test
  void helpOfACommandIsThatCommandsHelp() {
    Cli.Result help = run("help", "run");
    assertThat(help.exit()).isZero();
    assertThat(help.out())
        .isEqualTo(run("run", "--help").out())
        .contains("Usage: openenv-bench run");
  }

  @ParameterizedTest(name = "{0} --help")
  @ValueSource(strings = {"", "serve", "run", "report", "compare", "capacity", "merge"})
  void everyHelpListsTheOneExitCodeTable(String command) {
    Cli.Result r = command.isEmpty() ? run("--help") : run(command, "--help");
    assertThat(r.exit()).isZero();
    // An unescaped % in a description makes picocli warn on every --help.
    assertThat(r.err()).doesNotContain("[picocli WARN]");
    String table = r.out().substring(r.out().indexOf("Exit codes:"));
    assertThat(table.lines().skip(1).map(String::strip))
        .containsExactly(
            Arrays.stream(ExitCode.values())
                .map(c -> c.code() + "   " + c.description())
                .toArray(String[]::new));
  }

  @Test
  void versionNamesTheToolAndTheJvm() {
    Cli.Result r = run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("openenv-bench 0.1.0 (commit ").contains("JVM: ");
  }

  @Test
  void serveHelpNamesTheEnvironmentVariables() {
    Cli.Result r = run("serve", "--help");
    assertThat(r.out())
        .contains("env HOST", "env PORT", "env WORKERS", "env MAX_CONCURRENT_ENVS", "Default: 100");
  }

  @Test
  void anUnknownOptionIsExit2WithAMessage() {
    Cli.Result r = run("serve", "--bogus");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("error: Unknown option: '--bogus'", "--help");
  }

  @Test
  void aBadValueIsExit2() {
    assertThat(run("serve", "--port", "99999").exit()).isEqualTo(2);
    assertThat(run("serve", "--workers", "0").exit()).isEqualTo(2);
    assertThat(run("serve", "--port", "abc").exit()).isEqualTo(2);
  }

  @ParameterizedTest(name = "-m {0}")
  @CsvSource({"http, HTTP", "HTTP, HTTP", "ws, WS", "WS, WS", "websocket, WS", "WebSocket, WS"})
  void runModesParseInAnyCase(String value, CellPlan.Mode expected) {
    CommandLine cl = Main.newCommandLine();
    RunCommand run =
        cl.parseArgs("run", "--url", "http://127.0.0.1:9", "-m", value)
            .subcommand()
            .commandSpec()
            .commandLine()
            .getCommand();
    assertThat(run.config().modes()).containsExactly(expected);
  }

  @Test
  void aBadModeIsExit2NamingTheValidValues() {
    Cli.Result r = run("run", "--url", "http://127.0.0.1:9", "-m", "grpc");
    assertThat(r.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(r.err().lines().findFirst())
        .hasValue(
            "error: Invalid value for option '--mode': expected http, ws or websocket, not 'grpc'");
  }

  @Test
  void anUnwritableReportIsExit6InOneLine(@TempDir Path dir) throws Exception {
    Path regularFile = Files.writeString(dir.resolve("not-a-folder"), "");
    Cli.Result r = run("report", fixture("edges"), "-o", regularFile.resolve("report").toString());
    assertThat(r.exit()).isEqualTo(ExitCode.OUTPUT_FAILED.code());
    assertThat(r.err()).startsWith("error: cannot write ").hasLineCount(1);
  }

  @Test
  void aValueTheConfigRejectsIsOneLineNotAStackTrace() {
    Cli.Result serve = run("serve", "--max-concurrent-envs", "0");
    assertThat(serve.exit()).isEqualTo(2);
    assertThat(serve.err()).isEqualTo("error: max concurrent envs must be >= 1, got 0\n");
    Cli.Result report = run("report", "--success-threshold", "2", ".");
    assertThat(report.exit()).isEqualTo(2);
    assertThat(report.err()).startsWith("error: ").doesNotContain("\tat ");
  }

  @Test
  void aRunIntoAFolderOfAnotherLayoutIsRefusedBeforeAnyLoad(@TempDir Path dir) throws Exception {
    Path seed = dev.openenvbench.results.FormatFixtures.copy("seed", dir);
    Cli.Result r = run("run", "--url", "http://127.0.0.1:9", "-n", "1", "-o", seed.toString());
    assertThat(r.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(r.err())
        .startsWith("error: " + seed.resolve("summary.csv") + ": has the seed harness's 33 columns")
        .hasLineCount(1);
  }

  @Test
  void aRunIntoAnUnwritableFolderIsExit6InOneLine(@TempDir Path dir) throws Exception {
    Path regularFile = Files.writeString(dir.resolve("not-a-folder"), "");
    Cli.Result r =
        run(
            "run",
            "--url",
            "http://127.0.0.1:9",
            "-n",
            "1",
            "-o",
            regularFile.resolve("out").toString());
    assertThat(r.exit()).isEqualTo(ExitCode.OUTPUT_FAILED.code());
    assertThat(r.err())
        .isEqualTo("error: cannot write " + regularFile.resolve("out") + ": Not a directory\n");
  }

  @Test
  void aSourceAddressThatIsNotLocalIsAPreflightFailureInOneLine() {
    Cli.Result r =
        run("run", "--url", "http://127.0.0.1:9", "-n", "1", "--source-addresses", "192.0.2.7");
    assertThat(r.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(r.err())
        .startsWith(
            "error: pre-flight check failed:\n  --source-addresses 192.0.2.7: not an address")
        .hasLineCount(2);
  }

  @Test
  void aReportOnBinaryJunkIsOneLine(@TempDir Path dir) throws Exception {
    Path junk = Files.createDirectories(dir.resolve("junk"));
    Files.write(junk.resolve("summary.csv"), new byte[] {'m', '\n', (byte) 0xc3, 0x28, 0, 7});
    Cli.Result r = run("report", junk.toString(), "-o", dir.resolve("out").toString());
    assertThat(r.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(r.err())
        .isEqualTo(
            "error: " + junk.resolve("summary.csv") + ":2: not UTF-8 text (a binary file?)\n");
  }

  private static String fixture(String name) throws URISyntaxException {
    return Path.of(CliTest.class.getResource("/report-fixtures/" + name).toURI()).toString();
  }
}
