package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openenvbench.cli.Main;
import dev.openenvbench.results.ResultFolder;
import dev.openenvbench.results.TimeSeriesColumns;
import dev.openenvbench.results.TimeSeriesFile;
import dev.openenvbench.results.TimeSeriesRecord;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's timeseries.csv against the real server: its seconds add up to the cell's files, and a run
 * killed mid-cell leaves every second that had ended.
 */
class CellTimeSeriesTest {
  @TempDir Path dir;

  @Test
  void each_seconds_counts_add_up_to_what_the_cell_recorded() throws Exception {
    try (BenchServer server = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 2))) {
      int exit =
          Main.execute(
              "run",
              "--url",
              server.url(),
              "-n",
              "4",
              "-w",
              "1.2",
              "--steps",
              "2",
              "-o",
              dir.toString(),
              "--no-progress",
              "--warmup",
              "0");
      assertThat(exit).isZero();
    }

    List<TimeSeriesRecord> rows = TimeSeriesFile.read(dir.resolve(TimeSeriesFile.NAME)).rows();
    Map<String, String> summary = ResultFiles.summary(dir).getFirst();
    assertThat(rows)
        .extracting(r -> r.get(TimeSeriesColumns.CELL_ID))
        .containsOnly(summary.get("cell_id"));
    // Two steps of 1.2 s: the cell lasts at least 2.4 s, so it has a row for seconds 0, 1 and 2.
    assertThat(rows.size()).isGreaterThanOrEqualTo(3);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).get(TimeSeriesColumns.SECOND)).isEqualTo(i);
    }
    assertThat(sum(rows, r -> r.get(TimeSeriesColumns.STARTED))).isEqualTo(4);
    assertThat(sum(rows, r -> r.get(TimeSeriesColumns.FINISHED)))
        .isEqualTo(ResultFiles.raw(dir).size());
    assertThat(sum(rows, r -> r.get(TimeSeriesColumns.FAILED)))
        .isEqualTo(Integer.parseInt(summary.get("failed")))
        .isEqualTo(2);
    assertThat(rows.stream().map(r -> r.get(TimeSeriesColumns.FAILURES)).filter(f -> f != null))
        .containsExactly("openenv_error:CAPACITY_REACHED=2");
    assertThat(sum(rows, r -> r.get(TimeSeriesColumns.STEPS))).isEqualTo(2 * 2);
    assertThat(rows.getFirst().get(TimeSeriesColumns.IN_FLIGHT)).as("two stepping").isEqualTo(2);
    assertThat(rows.getLast().get(TimeSeriesColumns.IN_FLIGHT)).isZero();
    assertThat(rows.stream().map(r -> r.get(TimeSeriesColumns.STEP_P50)).filter(p -> p != null))
        .allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(1.2));
  }

  @Test
  void after_kill_9_the_file_holds_every_second_that_had_ended() throws Exception {
    Path out = dir.resolve("out");
    Path file = out.resolve(TimeSeriesFile.NAME);
    try (BenchServer server = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      Process run =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElseThrow(),
                  "-Xmx256m",
                  "--enable-native-access=ALL-UNNAMED",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "run",
                  "--url",
                  server.url(),
                  "-w",
                  "0.2",
                  "--arrival-rate",
                  "20",
                  "--duration",
                  "60",
                  "--warmup",
                  "0",
                  "--no-progress",
                  "-o",
                  out.toString())
              .redirectOutput(dir.resolve("run.out").toFile())
              .redirectError(dir.resolve("run.err").toFile())
              .start();
      try {
        await("three seconds of the cell written")
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> Files.exists(file) && Files.readAllLines(file).size() >= 4);
        run.destroyForcibly();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        run.destroyForcibly();
      }
    }

    TimeSeriesFile.Read read = TimeSeriesFile.read(file);
    assertThat(read.rows().size()).isGreaterThanOrEqualTo(3);
    for (int i = 0; i < read.rows().size(); i++) {
      assertThat(read.rows().get(i).get(TimeSeriesColumns.SECOND)).isEqualTo(i);
    }
    // 20 arrivals a second: 60 due in the first three. A row ends when its tick runs, which a
    // loaded machine delays, so the arrivals of the next moments may join it (up to 20 a second).
    assertThat(sum(read.rows().subList(0, 3), r -> r.get(TimeSeriesColumns.STARTED)))
        .isBetween(30, 80);
    List<String> notices = new java.util.ArrayList<>();
    ResultFolder.prepare(out, notices::add);
    assertThat(TimeSeriesFile.read(file).file().tornLinesSkipped()).isZero();
  }

  private static int sum(List<TimeSeriesRecord> rows, ToIntFunction<TimeSeriesRecord> f) {
    return rows.stream().mapToInt(f).sum();
  }
}
