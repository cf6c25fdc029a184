package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openenvbench.results.CellAccumulator;
import dev.openenvbench.results.CellKey;
import dev.openenvbench.results.Field;
import dev.openenvbench.results.HarnessLoad;
import dev.openenvbench.results.MergedFrom;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.RunManifest;
import dev.openenvbench.results.SessionRecord;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryCsvWriter;
import dev.openenvbench.results.SummaryRecord;
import dev.openenvbench.server.ServeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline of load from several machines, end to end with nothing faked: two real {@code run
 * --segment i/2} processes against a real {@code serve}, one run id and one schedule folder, then
 * {@code merge} of their two folders. The merged folder must be what one process would have
 * written: counts the sums of the segments', every percentile that of one accumulator fed the union
 * of the segments' raw rows, each request id once. A segment killed mid-cell must give an
 * incomplete merged cell that names it, not a hang.
 */
class SegmentsMergeTest {
  /** The columns whose value comes from a phase's histogram: equal to one histogram's. */
  private static final String HISTOGRAM_COLUMN =
      "(connect|tcp_connect|ws_upgrade|reset|step|close|total)_(p\\d+|min|max|avg)";

  /** A segment's health in a cell whose share all ran and succeeded. */
  private static final List<MergedFrom.Health> WHOLE =
      List.of(MergedFrom.Health.COMPLETE, MergedFrom.Health.SATURATED);

  /** Two cells, N = 6 then 4: shares of 3 and 2 sessions. */
  private static final String[] GRID = {"--requests-grid", "6,4"};

  @TempDir Path dir;
  private SegmentProcesses segments;

  @Test
  void merged_segments_are_exactly_the_union_of_their_rows() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--port", "0")) {
      segments = new SegmentProcesses(dir, serve.url, GRID);
      Process a = segments.start("0/2", "e2e1", "-w", "0.2");
      Process b = segments.start("1/2", "e2e1", "-w", "0.2");
      assertThat(SegmentProcesses.exitCode(a))
          .as("segment 0, stderr: %s", segments.err("0/2"))
          .isZero();
      assertThat(SegmentProcesses.exitCode(b))
          .as("segment 1, stderr: %s", segments.err("1/2"))
          .isZero();
    }
    Path out = dir.resolve("merged");

    Cli.Result r = mergeBothInto(out);

    assertThat(r.exit()).as(r.err()).isZero();
    List<SummaryRecord> merged = summary(out);
    assertThat(merged)
        .extracting(x -> x.get(SummaryColumns.CELL_ID))
        .containsExactly("e2e1-c1", "e2e1-c2");
    for (SummaryRecord m : merged) {
      String cell = m.get(SummaryColumns.CELL_ID);
      List<SummaryRecord> parts =
          List.of(row(segments.out("0/2"), cell), row(segments.out("1/2"), cell));
      for (Field<Integer> f :
          List.of(SummaryColumns.SUCCESSFUL, SummaryColumns.FAILED, SummaryColumns.NUM_REQUESTS)) {
        int sum = parts.stream().mapToInt(p -> p.get(f)).sum();
        // Each segment's row counts its own share; num_requests is the cell's N in every one.
        int expected = f == SummaryColumns.NUM_REQUESTS ? parts.getFirst().get(f) : sum;
        assertThat(m.get(f)).as(cell + " " + f.name()).isEqualTo(expected);
      }
      assertThat(m.flag(SummaryColumns.INCOMPLETE)).as(cell).isFalse();
      List<SessionRecord> union = new ArrayList<>(rows(segments.out("0/2"), cell));
      union.addAll(rows(segments.out("1/2"), cell));
      SummaryRecord reference = oneAccumulator(union, m);
      for (Field<?> f : SummaryColumns.ALL) {
        if (f.name().matches(HISTOGRAM_COLUMN)) {
          assertThat(m.get(f)).as(cell + " " + f.name()).isEqualTo(reference.get(f));
        }
      }
      List<Integer> ids = rows(out, cell).stream().map(x -> x.get(RawFields.REQUEST_ID)).toList();
      int n = m.get(SummaryColumns.NUM_REQUESTS);
      assertThat(ids).as(cell + " request ids").hasSize(n).doesNotHaveDuplicates();
      assertThat(ids).allSatisfy(id -> assertThat(id).isBetween(0, n - 1));
    }
    assertThat(merged).extracting(x -> x.get(SummaryColumns.NUM_REQUESTS)).containsExactly(6, 4);
    RunManifest m = RunManifest.read(RunManifest.path(out, "e2e1"));
    assertThat(m.segment()).isNull();
    String host = RunManifest.read(RunManifest.path(segments.out("0/2"), "e2e1")).segment().host();
    assertThat(m.mergedFrom().segments())
        .allSatisfy(
            s -> {
              assertThat(s.host()).isEqualTo(host);
              assertThat(s.clockOffsetSeconds()).isNotNull();
              assertThat(s.outcome()).isEqualTo("completed");
            })
        .extracting(MergedFrom.Source::index)
        .containsExactly(0, 1);
    // Saturated is whole too: a busy 2-core test machine may flag a share's harness, not the data.
    assertThat(m.mergedFrom().cells())
        .allSatisfy(c -> assertThat(c.health()).isSubsetOf(WHOLE).hasSize(2));
    Cli.Result report = Cli.run("report", out.toString(), "-o", dir.resolve("report").toString());
    assertThat(report.exit()).as("report reads the merged folder: " + report.err()).isZero();
  }

  @Test
  void a_segment_killed_mid_cell_gives_an_incomplete_merged_cell_naming_it() throws Exception {
    long t0 = System.nanoTime();
    Process a;
    Process b;
    try (ServeProcess serve = ServeProcess.start("--port", "0")) {
      String[] cell = {"-w", "3", "--cell-deadline-seconds", "10"};
      segments = new SegmentProcesses(dir, serve.url, GRID);
      a = segments.start("0/2", "e2e2", cell);
      b = segments.start("1/2", "e2e2", cell);
      await("segment 1 is in cell 1")
          .atMost(Duration.ofSeconds(90))
          .until(() -> segments.err("1/2").contains("] started"));

      b.destroyForcibly();

      assertThat(SegmentProcesses.exitCode(a))
          .as("segment 0, stderr: %s", segments.err("0/2"))
          .isZero();
    }
    assertThat(b.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .as("no hang")
        .isLessThan(Duration.ofSeconds(120));
    Path out = dir.resolve("merged");

    Cli.Result r = mergeBothInto(out);

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.ABORTED.code());
    String host = RunManifest.read(RunManifest.path(segments.out("0/2"), "e2e2")).segment().host();
    assertThat(r.err())
        .contains("e2e2-c1 incomplete: lacks ")
        .contains("segment 1/2 (host " + host + ", " + segments.out("1/2") + ")");
    SummaryRecord c1 = summary(out).getFirst();
    assertThat(c1.get(SummaryColumns.CELL_ID)).isEqualTo("e2e2-c1");
    assertThat(c1.flag(SummaryColumns.INCOMPLETE)).isTrue();
    MergedFrom from = RunManifest.read(RunManifest.path(out, "e2e2")).mergedFrom();
    MergedFrom.Cell cell1 = from.cells().getFirst();
    assertThat(cell1.incomplete()).isTrue();
    assertThat(cell1.sessionsLacking()).isPositive();
    assertThat(cell1.health().get(0)).isIn(WHOLE);
    assertThat(cell1.health().get(1)).isIn(MergedFrom.Health.INCOMPLETE, MergedFrom.Health.MISSING);
    assertThat(from.segments().get(1).outcome()).as("it never ended").isNull();
  }

  @AfterEach
  void killLeftovers() {
    if (segments != null) segments.close();
  }

  /** {@code merge} of the two segments' folders, in process. */
  private Cli.Result mergeBothInto(Path out) {
    return Cli.run(
        "merge", segments.out("0/2").toString(), segments.out("1/2").toString(), "-o", "" + out);
  }

  /**
   * The summary row one accumulator makes of {@code rows}: its histogram columns are what the
   * merged row's must be.
   */
  private SummaryRecord oneAccumulator(List<SessionRecord> rows, SummaryRecord like)
      throws IOException {
    CellKey key =
        new CellKey(
            like.get(SummaryColumns.RUN_ID),
            like.get(SummaryColumns.CELL_ID),
            like.get(SummaryColumns.MODE),
            like.get(SummaryColumns.URL),
            like.get(SummaryColumns.NUM_REQUESTS),
            like.get(SummaryColumns.WAIT_SECONDS),
            like.get(SummaryColumns.REPETITION),
            like.get(SummaryColumns.TIMESTAMP),
            like.get(SummaryColumns.HARDWARE),
            1,
            false,
            0,
            null);
    CellAccumulator union = new CellAccumulator(key);
    rows.forEach(union::add);
    Path csv = Files.createTempFile(dir, "reference", ".csv");
    Files.delete(csv);
    new SummaryCsvWriter(csv).append(union.summarize(1, HarnessLoad.UNKNOWN, false));
    return SummaryCsvReader.read(csv).rows().getFirst();
  }

  private static List<SummaryRecord> summary(Path folder) {
    return SummaryCsvReader.read(folder.resolve("summary.csv")).rows();
  }

  private static SummaryRecord row(Path folder, String cellId) {
    return summary(folder).stream()
        .filter(r -> cellId.equals(r.get(SummaryColumns.CELL_ID)))
        .findFirst()
        .orElseThrow();
  }

  private static List<SessionRecord> rows(Path folder, String cellId) {
    List<SessionRecord> rows = new ArrayList<>();
    RawJsonlReader.forEach(
        folder.resolve("raw.jsonl"),
        r -> {
          if (cellId.equals(r.get(RawFields.CELL_ID))) rows.add(r);
        });
    return rows;
  }
}
