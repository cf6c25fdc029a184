package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryRecord;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep bounded by {@code --max-duration} stops as Ctrl-C would; the same command with {@code
 * --resume} then runs only what is missing, so every cell is measured to the end exactly once.
 */
class RunResumeTest {
  @TempDir Path dir;

  private Cli.Result run(String url, String wait, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--url",
                url,
                "--requests-grid",
                "1,2,3",
                "-w",
                wait,
                "--warmup",
                "0",
                "--no-progress",
                "-o",
                dir.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void an_interrupted_sweep_is_finished_by_resume_without_measuring_a_cell_twice()
      throws Exception {
    try (BenchServer server = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      // The pre-flight session and each cell take 2 s: 7 s ends the sweep after one or two cells
      // (three need 8 s), with 3 s to spare for a slow machine.
      Cli.Result first = run(server.url(), "2", "--max-duration", "7");
      assertThat(first.exit()).as(first.err()).isEqualTo(ExitCode.ABORTED.code());
      assertThat(first.err()).contains("aborted: --max-duration of 7.0 s reached");
      int completedFirst = complete().size();
      assertThat(completedFirst).as(first.err()).isBetween(1, 2);

      Cli.Result second = run(server.url(), "2", "--resume");

      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(second.err())
          .contains(
              "--resume: "
                  + completedFirst
                  + " of 3 cell(s) already complete in "
                  + dir
                  + " (run ");
      Map<Integer, Long> completeByN =
          complete().stream()
              .collect(Collectors.groupingBy(SummaryRecord::numRequests, Collectors.counting()));
      assertThat(completeByN).isEqualTo(Map.of(1, 1L, 2, 1L, 3, 1L));

      Cli.Result third = run(server.url(), "2", "--resume");
      assertThat(third.exit()).as("nothing left to do is a success").isZero();
      assertThat(third.err()).contains("--resume: 3 of 3 cell(s) already complete");
      assertThat(complete()).hasSize(3);
    }
  }

  @Test
  void resume_runs_everything_when_no_earlier_run_matches() throws Exception {
    try (BenchServer server = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      Cli.Result o = run(server.url(), "0.1", "--resume");
      assertThat(o.exit()).as(o.err()).isZero();
      assertThat(o.err()).contains("--resume: no earlier run with these options in " + dir);
      assertThat(complete()).hasSize(3);
    }
  }

  private List<SummaryRecord> complete() {
    return SummaryCsvReader.read(dir.resolve("summary.csv")).rows().stream()
        .filter(r -> !r.flag(SummaryColumns.INCOMPLETE))
        .toList();
  }
}
