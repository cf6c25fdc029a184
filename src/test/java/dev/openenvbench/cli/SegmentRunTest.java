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
  private SegmentProcesses segments;

  @Test
  void two_segments_split_every_cell_of_the_grid_between_them() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--port", "0")) {
      Process a = segments(serve.url).start("0/2", "job1", "-w", "0.2");
      Process b = segments(serve.url).start("1/2", "job1", "-w", "0.2");

      assertThat(SegmentProcesses.exitCode(a))
          .as("segment 0's exit, stderr: %s", segments.err("0/2"))
          .isZero();
      assertThat(SegmentProcesses.exitCode(b))
          .as("segment 1's exit, stderr: %s", segments.err("1/2"))
          .isZero();
    }

    for (String cell : List.of("job1-c1", "job1-c2")) {
      Set<Integer> ids0 = requestIds(segments.out("0/2"), cell);
      Set<Integer> ids1 = requestIds(segments.out("1/2"), cell);
      assertThat(ids0).as(cell + " of segment 0").containsExactly(0, 1, 2);
      assertThat(ids1).as(cell + " of segment 1").containsExactly(3, 4, 5);
    }
    for (String seg : List.of("0/2", "1/2")) {
      List<Map<String, String>> rows = ResultFiles.summary(segments.out(seg));
      assertThat(rows).extracting(r -> r.get("cell_id")).containsExactly("job1-c1", "job1-c2");
      assertThat(rows).extracting(r -> r.get("successful")).containsExactly("3", "3");
    }
    RunManifest m0 = RunManifest.read(RunManifest.path(segments.out("0/2"), "job1"));
    RunManifest m1 = RunManifest.read(RunManifest.path(segments.out("1/2"), "job1"));
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
      a = segments(serve.url).start("0/2", "job2", cell);
      b = segments(serve.url).start("1/2", "job2", cell);
      await("segment 1 is in cell 1")
          .atMost(Duration.ofSeconds(90))
          .until(() -> segments.err("1/2").contains("] started"));

      b.destroyForcibly();

      // No hang: its cell 1 ends by itself, cell 2 starts at cell 1's deadline and runs alone.
      assertThat(SegmentProcesses.exitCode(a))
          .as("segment 0's exit, stderr: %s", segments.err("0/2"))
          .isZero();
    }
    assertThat(b.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<Map<String, String>> rows = ResultFiles.summary(segments.out("0/2"));
    assertThat(rows).extracting(r -> r.get("cell_id")).containsExactly("job2-c1", "job2-c2");
    assertThat(rows).extracting(r -> r.get("successful")).containsExactly("3", "3");
    assertThat(requestIds(segments.out("0/2"), "job2-c2")).containsExactly(0, 1, 2);
    assertThat(dir.resolve("schedule/job2/job2-c1/done-1")).doesNotExist();
    assertThat(segments.err("0/2"))
        .contains("job2-c2 starts at"); // on the schedule, at the deadline
    // The killed segment's files stay readable, with no summary row for the cell it died in.
    assertThat(ResultFiles.raw(segments.out("1/2"))).isNotNull();
    Path summary = segments.out("1/2").resolve("summary.csv");
    if (Files.exists(summary)) assertThat(ResultFiles.summary(segments.out("1/2"))).isEmpty();
  }

  @Test
  void a_cell_past_its_deadline_is_stopped_incomplete_and_the_next_cell_still_runs()
      throws Exception {
    Process a;
    try (ServeProcess serve = ServeProcess.start("--port", "0")) {
      a = segments(serve.url).start("0/1", "job3", "-w", "15", "--cell-deadline-seconds", "3");

      assertThat(SegmentProcesses.exitCode(a))
          .as(segments.err("0/1"))
          .isEqualTo(ExitCode.ABORTED.code());
    }
    List<Map<String, String>> rows = ResultFiles.summary(segments.out("0/1"));
    assertThat(rows).extracting(r -> r.get("cell_id")).containsExactly("job3-c1", "job3-c2");
    assertThat(rows).extracting(r -> r.get("incomplete")).containsExactly("true", "true");
    assertThat(ResultFiles.raw(segments.out("0/1")))
        .hasSize(12)
        .allSatisfy(r -> assertThat(r.get("error_message").asString()).contains("deadline"));
  }

  @AfterEach
  void killLeftovers() {
    if (segments != null) segments.close();
  }

  /** The segments of this test's run, 2 cells of N = 6 (--reps 2), against the server at URL. */
  private SegmentProcesses segments(String url) {
    if (segments == null) segments = new SegmentProcesses(dir, url, "-n", "6", "--reps", "2");
    return segments;
  }

  private static Set<Integer> requestIds(Path folder, String cellId) throws IOException {
    return ResultFiles.raw(folder).stream()
        .filter(r -> r.get("cell_id").asString().equals(cellId))
        .map(r -> r.get("request_id").asInt())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
