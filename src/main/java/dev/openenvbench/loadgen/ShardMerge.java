package dev.openenvbench.loadgen;

import dev.openenvbench.results.CellAccumulator;
import dev.openenvbench.results.CellKey;
import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.FileRead;
import dev.openenvbench.results.HarnessLoad;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.RawJsonlWriter;
import dev.openenvbench.results.ResultFolder;
import dev.openenvbench.results.SessionRecord;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Merges the shard folders of one cell run by {@code --processes} children into the parent's files,
 * exactly: every child session is re-labelled with the parent's run and cell id, appended to the
 * parent's raw.jsonl and folded into one {@link CellAccumulator} (the same histograms one process
 * would have built); the children's own load adds up. Reads the shards through the project's
 * readers, so a shard whose last line was torn (a child killed mid-write) is merged without that
 * line, and said so.
 */
final class ShardMerge {
  private ShardMerge() {}

  /**
   * @param sessions the cell's N: fewer sessions in the shards means the cell is incomplete
   * @param notices what the readers skipped, one sentence each
   */
  static CellRunner.CellResult merge(
      CellKey key,
      int sessions,
      List<Path> dirs,
      boolean incomplete,
      RawJsonlWriter raw,
      Consumer<String> notices) {
    CellAccumulator acc = new CellAccumulator(key);
    double[] wall = {0};
    List<SummaryRecord> childRows = new ArrayList<>();
    for (Path d : dirs) {
      Path shardRaw = d.resolve(ResultFolder.RAW);
      if (Files.exists(shardRaw)) {
        FileRead read =
            RawJsonlReader.forEach(
                shardRaw,
                child -> {
                  SessionRecord r = relabel(child, key);
                  raw.write(r);
                  acc.add(r);
                  Double start = r.get(RawFields.START_OFFSET);
                  Double total = r.get(RawFields.TOTAL_LATENCY);
                  if (start != null && total != null) wall[0] = Math.max(wall[0], start + total);
                });
        read.notice().ifPresent(notices);
      }
      Path csv = d.resolve(ResultFolder.SUMMARY);
      if (Files.exists(csv)) {
        SummaryCsvReader.Read read = SummaryCsvReader.read(csv);
        read.file().notice().ifPresent(notices);
        childRows.addAll(read.rows());
      }
    }
    boolean missing = childRows.size() < dirs.size() || acc.recorded() < sessions;
    CellSummary s = acc.summarize(wall[0], load(childRows), incomplete || missing);
    return new CellRunner.CellResult(s, acc.histograms(), acc.pids());
  }

  private static SessionRecord relabel(SessionRecord child, CellKey key) {
    return child.toBuilder()
        .set(RawFields.RUN_ID, key.runId())
        .set(RawFields.CELL_ID, key.cellId())
        .build();
  }

  /** The children's own load: CPU and GC add up, peaks take the maximum, any saturation counts. */
  static HarnessLoad load(List<SummaryRecord> rows) {
    double cpu = 0, cpuMax = 0, lag = 0, gc = 0;
    long fds = 0;
    boolean saturated = false;
    for (SummaryRecord r : rows) {
      cpu += zeroIfUnknown(r.number(SummaryColumns.HARNESS_CPU_SECONDS));
      cpuMax = Math.max(cpuMax, zeroIfUnknown(r.number(SummaryColumns.HARNESS_CPU_MAX)));
      lag = Math.max(lag, zeroIfUnknown(r.number(SummaryColumns.HARNESS_LOOP_LAG_MAX_MS)));
      gc += zeroIfUnknown(r.number(SummaryColumns.HARNESS_GC_PAUSE_MS));
      Long f = r.get(SummaryColumns.HARNESS_OPEN_FDS_MAX);
      fds = Math.max(fds, f == null ? 0 : f);
      saturated |= r.flag(SummaryColumns.HARNESS_SATURATED);
    }
    return new HarnessLoad(cpu, cpuMax, lag, gc, fds, saturated);
  }

  private static double zeroIfUnknown(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
