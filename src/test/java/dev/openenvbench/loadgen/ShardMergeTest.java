package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.CellKey;
import dev.openenvbench.results.FormatFixtures;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.RawJsonlWriter;
import dev.openenvbench.results.SessionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merging {@code run --processes} shards reads them with the project's readers: each child's
 * sessions are re-labelled with the parent's run and cell, a torn last line (a child killed
 * mid-write) is skipped and said so, and the merged cell counts what the children recorded.
 */
class ShardMergeTest {
  @TempDir Path tmp;

  @Test
  void shards_merge_under_the_parents_ids_and_a_torn_tail_is_skipped_and_reported()
      throws IOException {
    Path a = FormatFixtures.copy("v2", tmp.resolve("p0"));
    Path b = FormatFixtures.copy("v3", tmp.resolve("p1")); // shards of either version
    Path tornRaw = b.resolve("raw.jsonl");
    Files.writeString(tornRaw, Files.readString(tornRaw) + "{\"request_id\":9,\"mo");
    CellKey parent =
        new CellKey("parent", "parent-c7", "ws", "u", 16, 0.1, 1, "t", null, 1, false, 0, null);
    Path merged = tmp.resolve("raw.jsonl");
    List<String> notices = new ArrayList<>();

    CellRunner.CellResult r;
    try (RawJsonlWriter raw = new RawJsonlWriter(merged)) {
      r = ShardMerge.merge(parent, 16, List.of(a, b), false, raw, notices::add);
    }

    List<SessionRecord> rows = new ArrayList<>();
    RawJsonlReader.forEach(merged, rows::add);
    assertThat(rows).hasSize(16);
    assertThat(rows)
        .allSatisfy(row -> assertThat(row.get(RawFields.CELL_ID)).isEqualTo("parent-c7"));
    assertThat(rows).allSatisfy(row -> assertThat(row.get(RawFields.RUN_ID)).isEqualTo("parent"));
    assertThat(r.summary().successful() + r.summary().failed()).isEqualTo(16);
    assertThat(r.summary().incomplete()).as("every session of both shards is there").isFalse();
    assertThat(notices)
        .singleElement()
        .asString()
        .startsWith(tornRaw + ": skipped a torn last line");
  }
}
