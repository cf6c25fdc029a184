package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.Csv;
import dev.openenvbench.results.Field;
import dev.openenvbench.results.FormatVersion;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.RawJsonlWriter;
import dev.openenvbench.results.RunManifest;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryCsvWriter;
import dev.openenvbench.results.SummaryRecord;
import dev.openenvbench.server.ServeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openenv-bench merge} end to end, on segment folders made by real harness processes against
 * a real {@code serve}: {@code run --processes 2} over a two-cell grid, whose child shards (each
 * segment i/2 of one cell, under a run id of its own) are gathered into two segment folders under
 * one run id and given segment manifests, as {@code run --segment i/2 --run-id R} writes them. The
 * merge must give what the parent's own merge of the same shards gave: counts exact, every
 * percentile equal. A segment lost mid-cell, a missing one and a mismatched one give exit 3, 3 and
 * 2.
 */
class MergeCommandTest {
  private static final String RUN = "e2e";
  @TempDir static Path tmp;
  private static Path parent;
  private static Path seg0;
  private static Path seg1;

  @BeforeAll
  static void runTwoProcessesAgainstServe() throws Exception {
    parent = tmp.resolve("parent");
    try (ServeProcess serve = ServeProcess.start("--port", "0")) {
      Cli.Result r =
          Cli.run(
              "run",
              "--url",
              serve.url,
              "--requests-grid",
              "5,8",
              "-w",
              "0.05",
              "--processes",
              "2",
              "--warmup",
              "0",
              "--no-progress",
              "-o",
              parent.toString());
      assertThat(r.exit()).as(r.err()).isZero();
    }
    seg0 = segmentFolder(0);
    seg1 = segmentFolder(1);
  }

  /** Segment i of the run: child i's shard of each cell, relabelled as cells 1 and 2 of RUN. */
  private static Path segmentFolder(int i) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("seg" + i));
    List<Path> shards;
    try (Stream<Path> s = Files.list(parent.resolve("shards"))) {
      shards = s.filter(d -> d.getFileName().toString().endsWith("-p" + i)).sorted().toList();
    }
    assertThat(shards).hasSize(2);
    // Sorted by name: ws-n5-... before ws-n8-..., the grid's order.
    Files.writeString(
        dir.resolve("summary.csv"), Csv.line(SummaryColumns.names(FormatVersion.CURRENT)));
    for (int c = 0; c < shards.size(); c++) {
      String cellId = RUN + "-c" + (c + 1);
      try (RawJsonlWriter raw = new RawJsonlWriter(dir.resolve("raw.jsonl"))) {
        RawJsonlReader.forEach(
            shards.get(c).resolve("raw.jsonl"),
            r ->
                raw.write(
                    r.toBuilder()
                        .set(RawFields.RUN_ID, RUN)
                        .set(RawFields.CELL_ID, cellId)
                        .build()));
      }
      for (SummaryRecord row : SummaryCsvReader.read(shards.get(c).resolve("summary.csv")).rows()) {
        SummaryRecord.Builder b = SummaryRecord.builder();
        for (Field<?> f : SummaryColumns.ALL) copy(b, f, row);
        b.set(SummaryColumns.RUN_ID, RUN).set(SummaryColumns.CELL_ID, cellId);
        Files.writeString(
            dir.resolve("summary.csv"),
            Csv.line(SummaryCsvWriter.cells(b.build())),
            StandardOpenOption.APPEND);
      }
    }
    RunManifest child = RunManifest.all(shards.getFirst()).getFirst();
    new RunManifest(
            child.formatVersion(),
            RUN,
            child.started(),
            child.ended(),
            child.outcome(),
            child.tool(),
            child.configuration(),
            child.servers(),
            child.machine(),
            new RunManifest.SegmentOf(i, 2, "host" + i, 0.0, "test"))
        .write(dir);
    return dir;
  }

  private static <T> void copy(SummaryRecord.Builder b, Field<T> f, SummaryRecord from) {
    b.set(f, from.get(f));
  }

  @Test
  void merged_segments_equal_the_parents_merge_of_the_same_shards() {
    Path out = tmp.resolve("merged");
    Cli.Result r = Cli.run("merge", seg0.toString(), seg1.toString(), "-o", out.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    List<SummaryRecord> merged = SummaryCsvReader.read(out.resolve("summary.csv")).rows();
    List<SummaryRecord> expected = SummaryCsvReader.read(parent.resolve("summary.csv")).rows();
    assertThat(merged).hasSize(2);
    for (int c = 0; c < 2; c++) {
      SummaryRecord m = merged.get(c);
      SummaryRecord e = expected.get(c);
      assertThat(m.get(SummaryColumns.CELL_ID)).isEqualTo(RUN + "-c" + (c + 1));
      for (Field<?> f :
          List.of(
              SummaryColumns.NUM_REQUESTS,
              SummaryColumns.SUCCESSFUL,
              SummaryColumns.FAILED,
              SummaryColumns.UNIQUE_PIDS,
              SummaryColumns.UNIQUE_SESSIONS,
              SummaryColumns.UNIQUE_HOSTS,
              SummaryColumns.INCOMPLETE,
              SummaryColumns.HARNESS_CPU_SECONDS)) {
        assertThat(m.get(f)).as(f.name()).isEqualTo(e.get(f));
      }
      for (Field<?> f : SummaryColumns.ALL) {
        if (f.name()
            .matches(
                "(connect|tcp_connect|ws_upgrade|reset|step|close|total)_(p\\d+|min|max|avg)")) {
          assertThat(m.get(f)).as(f.name()).isEqualTo(e.get(f));
        }
      }
    }
    assertThat(r.out()).contains("N=5").contains("N=8");
    RunManifest m = RunManifest.read(RunManifest.path(out, RUN));
    assertThat(m.segment()).isNull();
    assertThat(m.mergedFrom().segments())
        .extracting(s -> s.host())
        .containsExactly("host0", "host1");
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
    assertThat(r.err())
        .contains(
            RUN
                + "-c2 incomplete: lacks 1 session(s); segment 1/2 (host host1, "
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
        Cli.run("merge", seg0.toString(), parent.toString(), "-o", tmp.resolve("m2").toString());
    assertThat(mismatch.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(mismatch.err().strip())
        .startsWith("error: " + parent + " holds run ")
        .doesNotContain("\n");
  }
}
