package dev.openenvbench.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.CellAccumulator;
import dev.openenvbench.results.CellMerge;
import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.SessionRecord;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryCsvWriter;
import dev.openenvbench.results.SummaryRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The merge is exact: for a random N, a random K and a random assignment of a cell's sessions to K
 * segments that started at random (skewed) instants, the merged summary.csv row is, column by
 * column as written, the row one accumulator makes of all the sessions on one timeline: counts,
 * every percentile, pids/sessions/hosts, wall time, peak concurrency.
 */
class MergePropertyTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void merged_rows_equal_one_accumulator_over_the_union(int seed) throws Exception {
    Random rnd = new Random(seed);
    int k = 1 + rnd.nextInt(5);
    int cells = 1 + rnd.nextInt(2);
    List<Path> dirs = new ArrayList<>();
    for (int s = 0; s < k; s++) dirs.add(Files.createDirectories(tmp.resolve("seg" + s)));
    List<CellSummary> expected = new ArrayList<>();
    int total = 0;
    for (int c = 1; c <= cells; c++) {
      int n = k + rnd.nextInt(300);
      total += n;
      long[] skew = new long[k];
      long first = Long.MAX_VALUE;
      for (int s = 0; s < k; s++) first = Math.min(first, skew[s] = rnd.nextInt(500_000));
      List<List<SessionRecord>> parts = new ArrayList<>();
      for (int s = 0; s < k; s++) parts.add(new ArrayList<>());
      CellAccumulator union =
          new CellAccumulator(SegmentFixture.key(SegmentFixture.RUN, c, n, SegmentFixture.T0));
      double wall = 0;
      for (int id = 0; id < n; id++) {
        int s = id < k ? id : rnd.nextInt(k); // every segment has at least one session
        long start = skew[s] + rnd.nextInt(1_000_000);
        long sessionSeed = rnd.nextLong();
        String cellId = SegmentFixture.RUN + "-c" + c;
        parts
            .get(s)
            .add(SegmentFixture.session(new Random(sessionSeed), cellId, n, id, skew[s], start));
        SessionRecord onOneTimeline =
            SegmentFixture.session(new Random(sessionSeed), cellId, n, id, first, start);
        union.add(onOneTimeline);
        wall =
            Math.max(
                wall,
                onOneTimeline.get(RawFields.START_OFFSET)
                    + onOneTimeline.get(RawFields.TOTAL_LATENCY));
      }
      List<SummaryRecord> segmentRows = new ArrayList<>();
      for (int s = 0; s < k; s++) {
        var key =
            SegmentFixture.key(
                SegmentFixture.RUN, c, n, SegmentFixture.T0.plusNanos(skew[s] * 1000));
        SegmentFixture.cell(
            dirs.get(s), key, parts.get(s), true, SegmentFixture.load(rnd.nextDouble(), false));
      }
      for (int s = 0; s < k; s++) segmentRows.add(rowOf(dirs.get(s), cellIdOf(c)));
      expected.add(union.summarize(wall, CellMerge.load(segmentRows), false));
    }
    for (int s = 0; s < k; s++) {
      SegmentFixture.manifest(
          dirs.get(s), SegmentFixture.RUN, s, k, SegmentFixture.configuration());
    }

    Path out = tmp.resolve("merged");
    MergeService.Outcome o =
        new MergeService(new PrintWriter(new StringWriter()), n -> {}).merge(dirs, out);

    assertThat(o.complete()).isTrue();
    Path reference = tmp.resolve("reference.csv");
    SummaryCsvWriter w = new SummaryCsvWriter(reference);
    expected.forEach(w::append);
    assertThat(cells(out.resolve("summary.csv"))).isEqualTo(cells(reference));
    long[] rows = {0};
    RawJsonlReader.forEach(out.resolve("raw.jsonl"), r -> rows[0]++);
    assertThat(rows[0]).isEqualTo(total);
  }

  private static String cellIdOf(int c) {
    return SegmentFixture.RUN + "-c" + c;
  }

  private static SummaryRecord rowOf(Path dir, String cellId) {
    return SummaryCsvReader.read(dir.resolve("summary.csv")).rows().stream()
        .filter(r -> cellId.equals(r.get(SummaryColumns.CELL_ID)))
        .findFirst()
        .orElseThrow();
  }

  private static List<List<String>> cells(Path csv) {
    return SummaryCsvReader.read(csv).rows().stream().map(SummaryCsvWriter::cells).toList();
  }
}
