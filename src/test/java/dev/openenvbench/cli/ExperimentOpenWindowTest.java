package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An infrastructure's {@code open_window: W} is {@code run --open-window W} for its cells: shown in
 * the plan, written in each run's manifest, each session's wait for its turn in its row; a capacity
 * study refuses it, as {@code capacity} does.
 */
class ExperimentOpenWindowTest {
  @TempDir Path dir;

  private Path study() throws Exception {
    Path study = ExperimentRunTest.write(dir, "ws", "[0.05]", "[6]", 1);
    return Files.writeString(
        study,
        Files.readString(study)
            .replace("      cores: 2\n", "      cores: 2\n      open_window: 2\n"));
  }

  @Test
  void an_infrastructures_open_window_reaches_its_runs() throws Exception {
    try (BenchServer s = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      Path study = study();
      Cli.Result dry =
          Cli.run("experiment", study.toString(), "--url", "big=" + s.url(), "--dry-run");
      assertThat(dry.exit()).as(dry.err()).isZero();
      assertThat(dry.out()).contains("opening: at most 2 sessions at once (open_window)");

      Cli.Result r =
          Cli.run(
              "experiment",
              study.toString(),
              "--infrastructure",
              "big",
              "--url",
              s.url(),
              "--warmup",
              "0",
              "--no-progress");
      assertThat(r.exit()).as(r.err()).isZero();
      List<Path> files;
      try (Stream<Path> all = Files.walk(dir.resolve("results"))) {
        files = all.filter(Files::isRegularFile).toList();
      }
      Path manifest =
          files.stream()
              .filter(f -> f.getFileName().toString().equals("manifest.json"))
              .findFirst()
              .orElseThrow();
      assertThat(Files.readString(manifest)).contains("\"open_window\" : 2");
      Path raw =
          files.stream()
              .filter(f -> f.getFileName().toString().equals("raw.jsonl"))
              .findFirst()
              .orElseThrow();
      assertThat(Files.readAllLines(raw)).hasSize(6).allMatch(l -> l.contains("\"start_delay\""));
    }
  }

  @Test
  void open_window_takes_auto_as_run_does_and_refuses_other_words() throws Exception {
    Path study = study();
    Files.writeString(
        study, Files.readString(study).replace("open_window: 2", "open_window: auto"));
    Cli.Result auto =
        Cli.run("experiment", study.toString(), "--url", "big=http://127.0.0.1:9", "--dry-run");
    assertThat(auto.exit()).as(auto.err()).isZero();
    assertThat(auto.out())
        .contains(
            "opening: WebSocket cells through a window of their own width (open_window: auto)");

    Files.writeString(
        study, Files.readString(study).replace("open_window: auto", "open_window: wide"));
    Cli.Result wide =
        Cli.run("experiment", study.toString(), "--url", "big=http://127.0.0.1:9", "--dry-run");
    assertThat(wide.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(wide.err()).contains("open_window must be auto or a number ≥ 0 (0 = all at once)");
  }

  @Test
  void a_capacity_study_refuses_it_in_one_line() throws Exception {
    Path study = ExperimentRunTest.withKeys(study(), "capacity:\n  max_sessions: 8\n  start: 1\n");
    Cli.Result r =
        Cli.run("experiment", study.toString(), "--url", "big=http://127.0.0.1:9", "--dry-run");
    assertThat(r.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(r.err().strip())
        .doesNotContain("\n")
        .contains("open_window does not combine with capacity");
  }
}
