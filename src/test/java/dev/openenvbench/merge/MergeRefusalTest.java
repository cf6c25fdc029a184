package dev.openenvbench.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openenvbench.results.CellKey;
import dev.openenvbench.results.FormatVersion;
import dev.openenvbench.results.RunManifest;
import dev.openenvbench.results.SessionRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders that are not the segments of one run are refused before anything is written, with one
 * line naming what differs.
 */
class MergeRefusalTest {
  @TempDir Path tmp;

  private Path segment(String name, String runId, int index, int count, Map<String, Object> c)
      throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    CellKey key = SegmentFixture.key(runId, 1, 4, SegmentFixture.T0);
    List<SessionRecord> rows = new ArrayList<>();
    Random rnd = new Random(index);
    for (int i = 0; i < 2; i++) {
      rows.add(SegmentFixture.session(rnd, runId + "-c1", 4, index * 2 + i, 0, i * 1000L));
    }
    SegmentFixture.cell(dir, key, rows, true, SegmentFixture.load(0.1, false));
    SegmentFixture.manifest(dir, runId, index, count, c);
    return dir;
  }

  private String refusal(Path... dirs) {
    Path out = tmp.resolve("out");
    MergeService merge = new MergeService(new PrintWriter(new StringWriter()), n -> {});
    try {
      merge.merge(List.of(dirs), out);
    } catch (IllegalArgumentException e) {
      assertThat(out).as("nothing written before the refusal").doesNotExist();
      return e.getMessage();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void a_configuration_key_that_differs_is_named_with_both_values() throws Exception {
    Path a =
        segment("a", "r1", 0, 2, SegmentFixture.configuration("requests_grid", List.of(10, 100)));
    Path b = segment("b", "r1", 1, 2, SegmentFixture.configuration("requests_grid", List.of(10)));
    assertThat(refusal(a, b))
        .isEqualTo("segments differ in requests_grid: [10,100] in " + a + " vs [10] in " + b);
  }

  @Test
  void per_segment_keys_may_differ() throws Exception {
    Path a =
        segment(
            "a",
            "r1",
            0,
            2,
            SegmentFixture.configuration("output_dir", "/x", "http_connections", 8));
    Path b =
        segment(
            "b",
            "r1",
            1,
            2,
            SegmentFixture.configuration("output_dir", "/y", "http_connections", 4));
    MergeService.Outcome o =
        new MergeService(new PrintWriter(new StringWriter()), n -> {})
            .merge(List.of(a, b), tmp.resolve("out"));
    assertThat(o.complete()).isTrue();
    assertThat(RunManifest.read(RunManifest.path(tmp.resolve("out"), "r1")).configuration())
        .containsEntry("output_dir", tmp.resolve("out").toString())
        .doesNotContainKey("http_connections");
  }

  @Test
  void folders_of_two_runs_are_named_with_their_run_ids() throws Exception {
    Path a = segment("a", "run-x", 0, 2, SegmentFixture.configuration());
    Path b = segment("b", "run-y", 1, 2, SegmentFixture.configuration());
    assertThat(refusal(a, b)).isEqualTo(a + " is run run-x, " + b + " is run run-y");
  }

  @Test
  void two_folders_of_one_index_are_refused() throws Exception {
    Path a = segment("a", "r1", 1, 3, SegmentFixture.configuration());
    Path b = segment("b", "r1", 1, 3, SegmentFixture.configuration());
    assertThat(refusal(a, b)).isEqualTo(a + " and " + b + " are both segment 1/3");
  }

  @Test
  void segments_of_different_counts_are_refused() throws Exception {
    Path a = segment("a", "r1", 0, 2, SegmentFixture.configuration());
    Path b = segment("b", "r1", 1, 3, SegmentFixture.configuration());
    assertThat(refusal(a, b))
        .isEqualTo("segments differ in count: " + a + " is segment 0/2, " + b + " is segment 1/3");
  }

  @Test
  void a_folder_without_a_manifest_is_not_a_segment_folder() throws Exception {
    Path a = segment("a", "r1", 0, 2, SegmentFixture.configuration());
    Path b = Files.createDirectories(tmp.resolve("b"));
    Files.writeString(b.resolve("raw.jsonl"), "");
    assertThat(refusal(a, b)).isEqualTo(b + " has no run manifest (not a segment folder)");
  }

  @Test
  void a_run_that_is_not_a_segment_is_refused() throws Exception {
    Path a = segment("a", "r1", 0, 2, SegmentFixture.configuration());
    Path b = Files.createDirectories(tmp.resolve("b"));
    new RunManifest(
            FormatVersion.CURRENT,
            "whole",
            SegmentFixture.T0.toString(),
            null,
            null,
            RunManifest.Tool.current(),
            SegmentFixture.configuration(),
            List.of(),
            null,
            null,
            null)
        .write(b);
    assertThat(refusal(a, b))
        .isEqualTo(b + " holds run whole, which is not a segment (run --segment I/K writes one)");
  }

  @Test
  void merging_into_a_folder_with_rows_of_an_unfinished_merge_of_the_run_is_refused()
      throws Exception {
    Path a = segment("a", "r1", 0, 1, SegmentFixture.configuration());
    Path out = Files.createDirectories(tmp.resolve("out"));
    // A merge that died before its manifest: the rows are there, the manifest is not.
    Files.copy(a.resolve("raw.jsonl"), out.resolve("raw.jsonl"));

    assertThatThrownBy(
            () ->
                new MergeService(new PrintWriter(new StringWriter()), n -> {})
                    .merge(List.of(a), out))
        .hasMessageStartingWith(
            out.resolve("raw.jsonl") + " holds rows of run r1 from a merge that did not finish");
  }

  @Test
  void merging_a_run_into_a_folder_that_holds_it_already_is_refused() throws Exception {
    Path a = segment("a", "r1", 0, 1, SegmentFixture.configuration());
    Path out = tmp.resolve("out");
    new MergeService(new PrintWriter(new StringWriter()), n -> {}).merge(List.of(a), out);
    assertThatThrownBy(
            () ->
                new MergeService(new PrintWriter(new StringWriter()), n -> {})
                    .merge(List.of(a), out))
        .hasMessageStartingWith(out + " already holds run r1");
  }
}
