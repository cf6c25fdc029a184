package dev.openenvbench.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.CellKey;
import dev.openenvbench.results.MergedFrom;
import dev.openenvbench.results.MergedFrom.Health;
import dev.openenvbench.results.RunManifest;
import dev.openenvbench.results.SessionRecord;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lost segment never holds the merge up and never passes for a whole cell: a segment folder not
 * given, or one killed mid-cell (rows but no summary row), makes the cell incomplete with the
 * sessions it lacks, naming the segment and its host on the console and in {@code merged_from}.
 */
class MergeHealthTest {
  private static final int N = 12; // 3 segments of 4 sessions
  @TempDir Path tmp;
  private final List<String> notices = new ArrayList<>();

  /** Segment {@code index} of 3 with {@code rows} of its 4 sessions, and a summary row or not. */
  private Path segment(int index, int rows, boolean summary, boolean saturated) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("seg" + index));
    CellKey key = SegmentFixture.key(SegmentFixture.RUN, 1, N, SegmentFixture.T0);
    List<SessionRecord> sessions = new ArrayList<>();
    Random rnd = new Random(index);
    for (int i = 0; i < rows; i++) {
      sessions.add(
          SegmentFixture.session(
              rnd, true, SegmentFixture.RUN + "-c1", N, index * 4 + i, 0, i * 100L));
    }
    SegmentFixture.cell(dir, key, sessions, summary, SegmentFixture.load(0.5, saturated));
    SegmentFixture.manifest(dir, SegmentFixture.RUN, index, 3, SegmentFixture.configuration());
    return dir;
  }

  private MergeService.Outcome merge(Path... dirs) {
    return new MergeService(new PrintWriter(new StringWriter()), notices::add)
        .merge(List.of(dirs), tmp.resolve("out"));
  }

  private MergedFrom mergedFrom() {
    return RunManifest.read(RunManifest.path(tmp.resolve("out"), SegmentFixture.RUN)).mergedFrom();
  }

  private SummaryRecord mergedRow() {
    return SummaryCsvReader.read(tmp.resolve("out/summary.csv")).rows().getFirst();
  }

  @Test
  void a_poisson_cell_that_scheduled_fewer_than_rate_times_window_lacks_nothing() throws Exception {
    // 100/s for 1 s plans 100 (batch_size); this Poisson draw scheduled 40 + 45, all started.
    var schedule = new dev.openenvbench.results.OpenLoop(100, 1, true, 7, 50);
    List<Path> dirs = new ArrayList<>();
    for (int index = 0; index < 2; index++) {
      Path dir = Files.createDirectories(tmp.resolve("open" + index));
      CellKey key =
          new CellKey(
              SegmentFixture.RUN,
              SegmentFixture.RUN + "-c1",
              "ws",
              "http://lb:8000",
              100,
              0.1,
              1,
              SegmentFixture.T0.toString(),
              "test",
              1,
              false,
              0,
              schedule);
      List<SessionRecord> sessions = new ArrayList<>();
      Random rnd = new Random(index);
      for (int i = 0; i < 40 + 5 * index; i++) {
        SessionRecord r =
            SegmentFixture.session(
                rnd, true, SegmentFixture.RUN + "-c1", 100, index + 2 * i, 0, i * 20_000L);
        sessions.add(
            r.toBuilder()
                .set(dev.openenvbench.results.RawFields.ARRIVAL_RATE, 100.0)
                .set(
                    dev.openenvbench.results.RawFields.INTENDED_START_OFFSET,
                    r.get(dev.openenvbench.results.RawFields.START_OFFSET))
                .build());
      }
      SegmentFixture.cell(dir, key, sessions, true, SegmentFixture.load(0.5, false));
      SegmentFixture.manifest(dir, SegmentFixture.RUN, index, 2, SegmentFixture.configuration());
      dirs.add(dir);
    }

    MergeService.Outcome o = merge(dirs.toArray(Path[]::new));

    assertThat(o.problems()).isEmpty();
    assertThat(o.complete()).isTrue();
    assertThat(mergedFrom().cells().getFirst().sessionsLacking()).isZero();
    assertThat(mergedRow().get(SummaryColumns.SESSIONS_SCHEDULED)).isEqualTo(85);
  }

  @Test
  void a_segment_not_given_leaves_the_cell_incomplete_lacking_its_share() throws Exception {
    Path a = segment(0, 4, true, false);
    Path c = segment(2, 4, true, false);

    MergeService.Outcome o = merge(a, c);

    assertThat(o.complete()).isFalse();
    assertThat(o.problems())
        .contains(
            "r1-c1 incomplete: lacks 4 session(s); segment 1/3 (no folder given) missing",
            "segment 1/3 (no folder given) missing");
    assertThat(mergedRow().flag(SummaryColumns.INCOMPLETE)).isTrue();
    assertThat(mergedRow().numRequests()).isEqualTo(N);
    MergedFrom from = mergedFrom();
    assertThat(from.cells().getFirst())
        .isEqualTo(
            new MergedFrom.Cell(
                "r1-c1",
                true,
                4,
                List.of(Health.COMPLETE, Health.MISSING, Health.COMPLETE),
                List.of(4, 0, 4)));
    assertThat(from.segments().get(1).folder()).isNull();
    assertThat(from.segments().get(2).host()).isEqualTo("node-2");
  }

  @Test
  void a_segment_killed_mid_cell_is_merged_with_what_it_wrote_and_named() throws Exception {
    Path a = segment(0, 4, true, false);
    Path b = segment(1, 1, false, false); // killed: one row, no summary row
    Path c = segment(2, 4, true, true);
    // ...and its last row torn mid-write
    Files.writeString(
        b.resolve("raw.jsonl"),
        Files.readString(b.resolve("raw.jsonl")) + "{\"request_id\":5,\"mo");

    MergeService.Outcome o = merge(a, b, c);

    assertThat(o.problems().getFirst())
        .isEqualTo(
            "r1-c1 incomplete: lacks 3 session(s); segment 1/3 (host node-1, "
                + b
                + ") incomplete");
    assertThat(notices)
        .anyMatch(n -> n.startsWith(b.resolve("raw.jsonl") + ": skipped a torn last line"));
    MergedFrom.Cell cell = mergedFrom().cells().getFirst();
    assertThat(cell.health()).containsExactly(Health.COMPLETE, Health.INCOMPLETE, Health.SATURATED);
    assertThat(cell.sessions()).containsExactly(4, 1, 4);
    SummaryRecord row = mergedRow();
    assertThat(row.get(SummaryColumns.SUCCESSFUL) + row.get(SummaryColumns.FAILED)).isEqualTo(9);
    assertThat(row.flag(SummaryColumns.INCOMPLETE)).isTrue();
    assertThat(row.flag(SummaryColumns.HARNESS_SATURATED)).as("a saturated segment").isTrue();
    assertThat(row.number(SummaryColumns.HARNESS_CPU_SECONDS))
        .as("two summary rows' CPU")
        .isEqualTo(1.0);
  }

  @Test
  void every_segment_whole_gives_a_complete_cell() throws Exception {
    MergeService.Outcome o =
        merge(segment(0, 4, true, false), segment(1, 4, true, false), segment(2, 4, true, false));
    assertThat(o.problems()).isEmpty();
    assertThat(mergedFrom().cells().getFirst().sessionsLacking()).isZero();
    assertThat(RunManifest.read(RunManifest.path(tmp.resolve("out"), "r1")).outcome())
        .isEqualTo("completed");
    assertThat(RunManifest.read(RunManifest.path(tmp.resolve("out"), "r1")).segment()).isNull();
  }
}
