package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openenvbench.loadgen.ResultFiles;
import dev.openenvbench.results.RunManifest;
import dev.openenvbench.server.ServeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load from several machines, played by two real {@code run --segment} processes on one machine
 * against a real {@code serve}, agreeing on each cell's start through one schedule folder: their
 * folders split every cell's request ids, name the cells alike, and say which segment they are; a
 * segment killed mid-cell holds the other only until the cell's deadline.
 */
class SegmentRunTest {
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @Test
  void two_segments_split_every_cell_of_the_grid_between_them() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--port", "0")) {
      Process a = segment(serve.url, "0/2", "job1", "-w", "0.2");
      Process b = segment(serve.url, "1/2", "job1", "-w", "0.2");

      assertThat(exitCode(a)).as("segment 0's exit, stderr: %s", err("0/2")).isZero();
      assertThat(exitCode(b)).as("segment 1's exit, stderr: %s", err("1/2")).isZero();
    }

    for (String cell : List.of("job1-c1", "job1-c2")) {
      Set<Integer> ids0 = requestIds(out("0/2"), cell);
      Set<Integer> ids1 = requestIds(out("1/2"), cell);
      assertThat(ids0).as(cell + " of segment 0").containsExactly(0, 1, 2);
      assertThat(ids1).as(cell + " of segment 1").containsExactly(3, 4, 5);
    }
    for (String seg : List.of("0/2", "1/2")) {
      List<Map<String, String>> rows = ResultFiles.summary(out(seg));
      assertThat(rows).extracting(r -> r.get("cell_id")).containsExactly("job1-c1", "job1-c2");
      assertThat(rows).extracting(r -> r.get("successful")).containsExactly("3", "3");
    }
    RunManifest m0 = RunManifest.read(RunManifest.path(out("0/2"), "job1"));
    RunManifest m1 = RunManifest.read(RunManifest.path(out("1/2"), "job1"));
    assertThat(List.of(m0.segment().index(), m0.segment().count())).containsExactly(0, 2);
    assertThat(List.of(m1.segment().index(), m1.segment().count())).containsExactly(1, 2);
    assertThat(m0.segment().host()).isEqualTo(m0.machine().hostname());
    assertThat(m0.segment().clockOffsetSeconds()).isNotNull();
    assertThat(m0.segment().clockReference()).contains("mtime of a file written to");
    assertThat(
            RunManifest.sameConfiguration(
                m0.configuration(), m1.configuration(), RunManifest.PER_SEGMENT_KEYS))
        .as("the same run, apart from the per-segment keys")
        .isTrue();
    assertThat(m0.configuration())
        .containsKeys(RunManifest.PER_SEGMENT_KEYS.toArray(String[]::new));
    assertThat(dir.resolve("schedule/job1/job1-c1/done-0")).exists();
    assertThat(dir.resolve("schedule/job1/job1-c1/done-1")).exists();
  }

  @Test
  void a_segment_killed_mid_cell_holds_the_other_only_until_the_cells_deadline() throws Exception {
    Process a;
    Process b;
    try (ServeProcess serve = ServeProcess.start("--port", "0")) {
      String[] cell = {"-w", "5", "--cell-deadline-seconds", "12"};
      a = segment(serve.url, "0/2", "job2", cell);
      b = segment(serve.url, "1/2", "job2", cell);
      await("segment 1 is in cell 1")
          .atMost(Duration.ofSeconds(90))
          .until(() -> err("1/2").contains("] started"));

      b.destroyForcibly();

      // No hang: its cell 1 ends by itself, cell 2 starts at cell 1's deadline and runs alone.
      assertThat(exitCode(a)).as("segment 0's exit, stderr: %s", err("0/2")).isZero();
    }
    assertThat(b.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<Map<String, String>> rows = ResultFiles.summary(out("0/2"));
    assertThat(rows).extracting(r -> r.get("cell_id")).containsExactly("job2-c1", "job2-c2");
    assertThat(rows).extracting(r -> r.get("successful")).containsExactly("3", "3");
    assertThat(requestIds(out("0/2"), "job2-c2")).containsExactly(0, 1, 2);
    assertThat(dir.resolve("schedule/job2/job2-c1/done-1")).doesNotExist();
    assertThat(err("0/2")).contains("job2-c2 starts at"); // on the schedule, at the deadline
    // The killed segment's files stay readable, with no summary row for the cell it died in.
    assertThat(ResultFiles.raw(out("1/2"))).isNotNull();
    Path summary = out("1/2").resolve("summary.csv");
    if (Files.exists(summary)) assertThat(ResultFiles.summary(out("1/2"))).isEmpty();
  }

  @Test
  void a_cell_past_its_deadline_is_stopped_incomplete_and_the_next_cell_still_runs()
      throws Exception {
    Process a;
    try (ServeProcess serve = ServeProcess.start("--port", "0")) {
      a = segment(serve.url, "0/1", "job3", "-w", "15", "--cell-deadline-seconds", "3");

      assertThat(exitCode(a)).as(err("0/1")).isEqualTo(ExitCode.ABORTED.code());
    }
    List<Map<String, String>> rows = ResultFiles.summary(out("0/1"));
    assertThat(rows).extracting(r -> r.get("cell_id")).containsExactly("job3-c1", "job3-c2");
    assertThat(rows).extracting(r -> r.get("incomplete")).containsExactly("true", "true");
    assertThat(ResultFiles.raw(out("0/1")))
        .hasSize(12)
        .allSatisfy(r -> assertThat(r.get("error_message").asString()).contains("deadline"));
  }

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly);
  }

  /** {@code run --segment SEG} of 2 cells of N = 6, its stderr in a file of its own. */
  private Process segment(String url, String seg, String runId, String... extra)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--url",
                url,
                "-n",
                "6",
                "--reps",
                "2",
                "--warmup",
                "0",
                "--no-progress",
                "--segment",
                seg,
                "--run-id",
                runId,
                "--schedule-dir",
                dir.resolve("schedule").toString(),
                "--ready-timeout-seconds",
                "60",
                "-o",
                out(seg).toString()));
    args.addAll(List.of(extra));
    Process p =
        new ProcessBuilder(ChildCli.smallJvm(args))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve(name(seg) + ".err").toFile())
            .start();
    started.add(p);
    return p;
  }

  private Path out(String seg) {
    return dir.resolve("out-" + name(seg));
  }

  private String err(String seg) throws IOException {
    Path f = dir.resolve(name(seg) + ".err");
    return Files.exists(f) ? Files.readString(f) : "";
  }

  private static String name(String seg) {
    return seg.replace('/', '-');
  }

  private static int exitCode(Process p) throws InterruptedException {
    if (!p.waitFor(150, TimeUnit.SECONDS)) throw new AssertionError("the segment did not exit");
    return p.exitValue();
  }

  private static Set<Integer> requestIds(Path folder, String cellId) throws IOException {
    return ResultFiles.raw(folder).stream()
        .filter(r -> r.get("cell_id").asString().equals(cellId))
        .map(r -> r.get("request_id").asInt())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
