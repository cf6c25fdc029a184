package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.RunManifest;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryRecord;
import dev.openenvbench.server.ServeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openenv-bench merge}'s console, exit codes and refusals, on segment folders written by
 * real {@code run --segment i/2 --run-id R} runs against a real {@code serve} (in process, one
 * after the other: without {@code --schedule-dir} a segment waits for no other). A segment lost
 * mid-cell, a missing one and a mismatched one give exit 3, 3 and 2. That the merged numbers are
 * exact is {@code SegmentsMergeTest}'s and {@code merge.MergePropertyTest}'s.
 */
class MergeCommandTest {
  private static final String RUN = "e2e";
  @TempDir static Path tmp;
  private static Path seg0;
  private static Path seg1;
  private static Path otherGrid;

  @BeforeAll
  static void runTwoSegmentsAgainstServe() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--port", "0")) {
      seg0 = segment(serve.url, "0/2", "5,8", "seg0");
      seg1 = segment(serve.url, "1/2", "5,8", "seg1");
      otherGrid = segment(serve.url, "1/2", "5", "seg1-other-grid");
    }
  }

  /** {@code run --segment SEG --run-id RUN} of the grid into {@code tmp/folder}. */
  private static Path segment(String url, String seg, String grid, String folder) {
    Path out = tmp.resolve(folder);
    Cli.Result r =
        Cli.run(
            "run",
            "--url",
            url,
            "--requests-grid",
            grid,
            "-w",
            "0.05",
            "--segment",
            seg,
            "--run-id",
            RUN,
            "--warmup",
            "0",
            "--no-progress",
            "-o",
            out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    return out;
  }

  @Test
  void two_segments_merge_into_one_folder_report_reads() {
    Path out = tmp.resolve("merged");
    Cli.Result r = Cli.run("merge", seg0.toString(), seg1.toString(), "-o", out.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("N=5").contains("N=8");
    List<SummaryRecord> merged = SummaryCsvReader.read(out.resolve("summary.csv")).rows();
    assertThat(merged).extracting(m -> m.get(SummaryColumns.SUCCESSFUL)).containsExactly(5, 8);
    RunManifest m = RunManifest.read(RunManifest.path(out, RUN));
    assertThat(m.segment()).isNull();
    assertThat(m.mergedFrom().segments())
        .extracting(s -> s.folder())
        .containsExactly("" + seg0, "" + seg1);
    Cli.Result report = Cli.run("report", out.toString(), "-o", tmp.resolve("report").toString());
    assertThat(report.exit()).as("report reads the merged folder: " + report.err()).isZero();
  }

  @Test
  void a_segment_lost_mid_cell_gives_an_incomplete_cell_naming_it() throws IOException {
    Path lost = tmp.resolve("lost1");
    Files.createDirectories(lost);
    List<String> rows = Files.readAllLines(seg1.resolve("raw.jsonl"));
    Files.write(lost.resolve("raw.jsonl"), rows.subList(0, rows.size() - 1)); // its last session
    List<String> csv = Files.readAllLines(seg1.resolve("summary.csv"));
    Files.write(lost.resolve("summary.csv"), csv.subList(0, 2)); // killed in cell 2: no row
    Path manifest = RunManifest.path(lost, RUN);
    Files.createDirectories(manifest.getParent());
    Files.copy(RunManifest.path(seg1, RUN), manifest);
    Path out = tmp.resolve("merged-lost");

    Cli.Result r = Cli.run("merge", seg0.toString(), lost.toString(), "-o", out.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.ABORTED.code());
    String host = RunManifest.read(manifest).segment().host();
    assertThat(r.err())
        .contains(
            RUN
                + "-c2 incomplete: lacks 1 session(s); segment 1/2 (host "
                + host
                + ", "
                + lost
                + ") incomplete");
    List<SummaryRecord> merged = SummaryCsvReader.read(out.resolve("summary.csv")).rows();
    assertThat(merged)
        .extracting(x -> x.flag(SummaryColumns.INCOMPLETE))
        .containsExactly(false, true);
  }

  @Test
  void a_missing_segment_exits_3_and_a_mismatched_folder_exits_2() {
    Cli.Result missing = Cli.run("merge", seg0.toString(), "-o", tmp.resolve("m1").toString());
    assertThat(missing.exit()).isEqualTo(ExitCode.ABORTED.code());
    assertThat(missing.err()).contains("segment 1/2 (no folder given) missing");

    Cli.Result mismatch =
        Cli.run("merge", seg0.toString(), otherGrid.toString(), "-o", tmp.resolve("m2").toString());
    assertThat(mismatch.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(mismatch.err().strip())
        .isEqualTo(
            "error: segments differ in requests_grid: [5,8] in "
                + seg0
                + " vs [5] in "
                + otherGrid);
  }
}
