package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.loadgen.LocalServer;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study stopped by SIGTERM (what Ctrl-C does too) in its second cell exits 3 with the first cell
 * kept, the report of what was measured and a log entry saying it stopped; the same command then
 * runs only the three cells left, with the study's progress counting those three, and every cell
 * ends measured exactly once.
 */
class ExperimentResumeTest {
  @TempDir Path dir;

  @Test
  void an_interrupted_study_is_continued_by_the_same_command() throws Exception {
    try (LocalServer server = LocalServer.start(Main.childJvm(), 50, 1, false, 60)) {
      List<String> args = twoCellsEach(server);

      Stopped first = stopInSecondCell(args, p -> p.toHandle().destroy()); // SIGTERM

      assertThat(first.exit()).as(first.err()).isEqualTo(ExitCode.ABORTED.code());
      assertThat(first.err())
          .contains("openenv-bench experiment: TERM: stopping after the running cell is closed");
      assertThat(complete("big")).as(first.err()).hasSize(1);
      assertThat(complete("small")).as("never started").isEmpty();
      String log = Files.readString(dir.resolve("reports/EXPERIMENT_LOG.md"));
      assertThat(log)
          .contains("stopped (interrupted); the same command continues it")
          .contains(" | 2 | 0 | 1 |  | aborted: interrupted |")
          .contains(" | 2 | 0 | 0 |  | skipped (the study stopped) |")
          .contains("Report: " + report().resolve("report.md") + " (over " + folder("big") + ")");
      // The report of what was measured, drawn after the signal: big's one complete cell.
      assertThat(ExperimentRunTest.rows(report().resolve("max-batch.csv")))
          .singleElement()
          .satisfies(
              row ->
                  assertThat(row).containsEntry("infra", "big").containsEntry("max_batch", "≥ 1"));

      Cli.Result second = Cli.run(args.toArray(String[]::new));

      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(second.err())
          .contains("--resume: 1 of 2 cell(s) already complete in " + folder("big"))
          .contains("cell 1/3 of the study: big ws N=2")
          .contains("cell 3/3 of the study: small ws N=2")
          .doesNotContain("cell 4/");
      for (String infra : List.of("big", "small")) {
        Map<Integer, Long> byN =
            complete(infra).stream()
                .collect(Collectors.groupingBy(SummaryRecord::numRequests, Collectors.counting()));
        assertThat(byN).as(infra).isEqualTo(Map.of(1, 1L, 2, 1L));
      }
      assertThat(Files.readString(dir.resolve("reports/EXPERIMENT_LOG.md")))
          .contains(": completed\n")
          .contains(" | 2 | 1 | 1 |  | completed |")
          .contains(" | 2 | 0 | 2 |  | completed |");
    }
  }

  /**
   * SIGHUP, which the study does not handle as a signal, shuts the JVM down: the shutdown hook
   * still ends the cell and writes the log entry, and since no figure can be drawn then, the entry
   * names the report command instead; that command, run as written, makes the report.
   */
  @Test
  void a_study_stopped_by_a_shutdown_names_the_report_command_that_then_works() throws Exception {
    try (LocalServer server = LocalServer.start(Main.childJvm(), 50, 1, false, 60)) {
      List<String> args = twoCellsEach(server);

      Stopped first = stopInSecondCell(args, ExperimentResumeTest::hangUp);

      assertThat(first.exit()).as(first.err()).isEqualTo(ExitCode.ABORTED.code());
      String log = Files.readString(dir.resolve("reports/EXPERIMENT_LOG.md"));
      assertThat(log).contains("stopped (interrupted); the same command continues it");
      Matcher m = Pattern.compile("Make it with: `openenv-bench ([^`]+)`").matcher(log);
      assertThat(m.find()).as(log).isTrue();
      assertThat(first.err()).contains(m.group());
      assertThat(report()).doesNotExist();

      Cli.Result r = Cli.run(m.group(1).split(" "));

      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(ExperimentRunTest.rows(report().resolve("max-batch.csv")))
          .singleElement()
          .satisfies(
              row ->
                  assertThat(row).containsEntry("infra", "big").containsEntry("max_batch", "≥ 1"));
    }
  }

  /** A study of two infrastructures on one server, two cells each of 2 s, as typed. */
  private List<String> twoCellsEach(LocalServer server) throws Exception {
    Path study = ExperimentRunTest.write(dir, "ws", "[2.0]", "[1, 2]", 1);
    return List.of(
        "experiment",
        study.toString(),
        "--url",
        "big=" + server.url(),
        "--url",
        "small=" + server.url(),
        "--warmup",
        "0",
        "--no-progress");
  }

  record Stopped(int exit, String err) {}

  /** Runs the study in a JVM of its own and stops it with {@code signal} in its second cell. */
  private static Stopped stopInSecondCell(List<String> args, Consumer<Process> signal)
      throws Exception {
    Process p = ChildCli.start(args.toArray(String[]::new));
    StringBuilder err = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        err.append(line).append('\n');
        // The second cell has started: the first is written. Stop the study in the second.
        if (line.contains("] started") && err.toString().contains("cell 2/4")) break;
      }
      signal.accept(p); // the Process keeps its streams open
      for (String line; (line = lines.readLine()) != null; ) err.append(line).append('\n');
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(err.toString()).isTrue();
    return new Stopped(p.exitValue(), err.toString());
  }

  private static void hangUp(Process p) {
    try {
      Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(kill.exitValue()).isZero();
    } catch (Exception e) {
      throw new AssertionError("kill -HUP failed", e);
    }
  }

  private Path report() {
    return dir.resolve("reports").resolve(LocalDate.now(ZoneOffset.UTC).toString());
  }

  private Path folder(String infra) {
    return dir.resolve("results").resolve(infra).resolve(LocalDate.now(ZoneOffset.UTC).toString());
  }

  private List<SummaryRecord> complete(String infra) {
    Path summary = folder(infra).resolve("summary.csv");
    if (!Files.exists(summary)) return List.of();
    return SummaryCsvReader.read(summary).rows().stream()
        .filter(r -> !r.flag(SummaryColumns.INCOMPLETE))
        .toList();
  }
}
