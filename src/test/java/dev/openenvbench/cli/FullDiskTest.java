package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under {@code -o}: a real tmpfs of a few kilobytes, mounted for the test (root only:
 * the test fails saying so otherwise). The run stops with the "output could not be written" exit
 * code and a one-line reason, never hangs, and what it wrote stays readable: no half row.
 */
class FullDiskTest {
  @TempDir Path tmp;
  private Path disk;

  @BeforeEach
  void mountATinyDisk() throws Exception {
    disk = Files.createDirectory(tmp.resolve("disk"));
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", disk.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(
          "FullDiskTest needs root and mount(8) to mount a small tmpfs: " + out.strip());
    }
  }

  @AfterEach
  void unmount() throws Exception {
    new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void a_run_onto_a_full_disk_stops_with_exit_6_and_leaves_only_whole_rows() throws Exception {
    Cli.Result run;
    try (BenchServer server = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 1000))) {
      // ~1 KB per session row: 400 sessions cannot fit in 48 KB.
      run =
          Cli.run(
              "run",
              "--url",
              server.url(),
              "-n",
              "400",
              "-w",
              "0.2",
              "--warmup",
              "0",
              "--no-progress",
              "-o",
              disk.toString());
    }

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OUTPUT_FAILED.code());
    assertThat(run.err())
        .containsPattern("openenv-bench run: stopped: cannot write \\S+: No space left on device;");
    long[] rows = {0};
    assertThat(RawJsonlReader.forEach(disk.resolve("raw.jsonl"), r -> rows[0]++).tornLinesSkipped())
        .as("no half row")
        .isZero();
    assertThat(rows[0]).isBetween(1L, 399L);
    if (Files.exists(disk.resolve("summary.csv"))) {
      assertThat(SummaryCsvReader.read(disk.resolve("summary.csv")).file().tornLinesSkipped())
          .isZero();
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void a_report_onto_a_full_disk_is_exit_6_in_one_line() throws Exception {
    Path fixtures = Path.of(getClass().getResource("/report-fixtures").toURI());
    Cli.Result r =
        Cli.run(
            "report",
            fixtures.resolve("local").toString(),
            fixtures.resolve("docker").toString(),
            "-o",
            disk.resolve("report").toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OUTPUT_FAILED.code());
    assertThat(r.err()).matches("error: cannot write \\S+: No space left on device\\n");
  }
}
