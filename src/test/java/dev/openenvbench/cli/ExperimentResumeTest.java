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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study stopped by SIGTERM (what Ctrl-C does too) in its second cell exits 3 with the first cell
 * kept and a log entry saying it stopped; the same command then runs only the three cells left,
 * with the study's progress counting those three, and every cell ends measured exactly once.
 */
class ExperimentResumeTest {
  @TempDir Path dir;

  @Test
  void an_interrupted_study_is_continued_by_the_same_command() throws Exception {
    try (LocalServer server = LocalServer.start(Main.childJvm(), 50, 1, false, 60)) {
      Path study = ExperimentRunTest.write(dir, "ws", "[2.0]", "[1, 2]", 1);
      List<String> args =
          List.of(
              "experiment",
              study.toString(),
              "--url",
              "big=" + server.url(),
              "--url",
              "small=" + server.url(),
              "--warmup",
              "0",
              "--no-progress");

      Process first = ChildCli.start(args.toArray(String[]::new));
      StringBuilder firstErr = new StringBuilder();
      try (BufferedReader err =
          new BufferedReader(
              new InputStreamReader(first.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = err.readLine()) != null; ) {
          firstErr.append(line).append('\n');
          // The second cell has started: the first is written. Stop the study in the second.
          if (line.contains("] started") && firstErr.toString().contains("cell 2/4")) break;
        }
        first.toHandle().destroy(); // SIGTERM; the Process keeps its streams open
        for (String line; (line = err.readLine()) != null; ) firstErr.append(line).append('\n');
      }
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).as(firstErr.toString()).isEqualTo(ExitCode.ABORTED.code());
      assertThat(complete("big")).as(firstErr.toString()).hasSize(1);
      assertThat(complete("small")).as("never started").isEmpty();
      String log = Files.readString(dir.resolve("reports/EXPERIMENT_LOG.md"));
      assertThat(log)
          .contains("stopped (interrupted); the same command continues it")
          .contains(" | 2 | 0 | 1 |  | aborted: interrupted |")
          .contains(" | 2 | 0 | 0 |  | skipped (the study stopped) |");

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
