package dev.openenvbench.loadgen;

import dev.openenvbench.results.CellKey;
import dev.openenvbench.results.CellMerge;
import dev.openenvbench.results.FileRead;
import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.RawJsonlWriter;
import dev.openenvbench.results.ResultFolder;
import dev.openenvbench.results.SummaryCsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Merges the shard folders of one cell run by {@code --processes} children into the parent's files
 * through {@link CellMerge}, the fold {@code openenv-bench merge} uses too: each child folder holds
 * that one cell, and the children started it at one instant of this machine's monotonic clock, so
 * their offsets need no shift. Reads the shards through the project's readers, so a shard whose
 * last line was torn (a child killed mid-write) is merged without that line, and said so.
 */
final class ShardMerge {
  private ShardMerge() {}

  /**
   * @param sessions the cell's N: fewer sessions in the shards means the cell is incomplete (an
   *     open-loop cell: fewer than its children say they started)
   * @param notices what the readers skipped, one sentence each
   */
  static CellRunner.CellResult merge(
      CellKey key,
      int sessions,
      List<Path> dirs,
      boolean incomplete,
      RawJsonlWriter raw,
      Consumer<String> notices) {
    CellMerge cell = new CellMerge(key, raw);
    int summaries = 0;
    for (Path d : dirs) {
      Path shardRaw = d.resolve(ResultFolder.RAW);
      if (Files.exists(shardRaw)) {
        FileRead read = RawJsonlReader.forEach(shardRaw, r -> cell.add(r, 0));
        read.notice().ifPresent(notices);
      }
      Path csv = d.resolve(ResultFolder.SUMMARY);
      if (Files.exists(csv)) {
        SummaryCsvReader.Read read = SummaryCsvReader.read(csv);
        read.file().notice().ifPresent(notices);
        read.rows().forEach(cell::addSummary);
        summaries += read.rows().size();
      }
    }
    int expected = key.openLoop() == null ? sessions : cell.arrivalsStarted();
    boolean missing = summaries < dirs.size() || cell.rows() < expected;
    CellMerge.Result r = cell.finish(incomplete || missing);
    return new CellRunner.CellResult(r.summary(), r.histograms(), r.pids());
  }
}
