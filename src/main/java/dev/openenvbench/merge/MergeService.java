package dev.openenvbench.merge;

import dev.openenvbench.results.CellMerge;
import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.ConsoleReport;
import dev.openenvbench.results.FormatVersion;
import dev.openenvbench.results.HistogramLog;
import dev.openenvbench.results.MergedFrom;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.RawJsonlWriter;
import dev.openenvbench.results.ResultFolder;
import dev.openenvbench.results.RunManifest;
import dev.openenvbench.results.SummaryCsvWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code openenv-bench merge}: puts the segment folders of one run ({@code run --segment I/K}, one
 * per machine) back together into one ordinary result folder, exactly, through {@link CellMerge}.
 * Reads each segment twice, streaming: first what it holds of each cell and when its share started
 * ({@link SegmentCells}), then its rows, each moved onto the merged cell's timeline (the earliest
 * segment's start, on the reference clock). Never waits for anything: a segment that is missing or
 * was cut short makes its cells incomplete, said on the console and in the manifest's {@code
 * merged_from} ({@link MergedFrom}). Data to {@code out}, notices to {@code notices}.
 */
public final class MergeService {
  /**
   * @param cells the merged cells, in cell order
   * @param problems one sentence per incomplete cell (what it lacks, which segments) and per
   *     segment that did not end as completed
   */
  public record Outcome(String runId, List<CellSummary> cells, List<String> problems) {
    public boolean complete() {
      return problems.isEmpty();
    }
  }

  private final PrintWriter out;
  private final Consumer<String> notices;

  public MergeService(PrintWriter out, Consumer<String> notices) {
    this.out = out;
    this.notices = notices;
  }

  public Outcome merge(List<Path> dirs, Path outDir) {
    if (dirs.isEmpty()) throw new IllegalArgumentException("give the segment folders to merge");
    SegmentSet set = SegmentSet.read(dirs);
    refuseOutput(dirs, outDir, set.runId());
    List<SegmentCells> scans = new ArrayList<>();
    for (SegmentSet.SegmentFolder f : set.folders()) {
      scans.add(f == null ? null : SegmentCells.read(f.dir(), set.runId(), offset(f), notices));
    }
    List<String> cellIds = cellIds(scans);
    List<String> labels =
        set.folders().stream().map(f -> f == null ? "?" : f.dir().toString()).toList();
    for (String id : cellIds) MergedKeys.check(id, cellsOf(scans, id), labels);
    ResultFolder folder = ResultFolder.prepare(outDir, notices);
    Map<String, CellMerge> merges = new LinkedHashMap<>();
    Map<String, Instant> starts = new LinkedHashMap<>();
    List<CellSummary> done = new ArrayList<>();
    List<MergedFrom.Cell> health = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (RawJsonlWriter raw = folder.rawWriter()) {
      for (String id : cellIds) {
        List<SegmentCells.Cell> cells = cellsOf(scans, id);
        Instant start =
            cells.stream()
                .filter(c -> c != null && c.start != null)
                .map(c -> c.start)
                .min(Comparator.naturalOrder())
                .orElse(null);
        starts.put(id, start);
        SegmentCells.Cell known =
            cells.stream()
                .filter(c -> c != null && c.summary != null)
                .findFirst()
                .orElseGet(
                    () ->
                        cells.stream()
                            .filter(c -> c != null && c.sample != null)
                            .findFirst()
                            .get());
        merges.put(id, new CellMerge(MergedKeys.of(set.runId(), id, known, start), raw));
      }
      for (int i = 0; i < set.count(); i++) {
        if (scans.get(i) != null) fold(set.folders().get(i), scans.get(i), merges, starts);
      }
    }
    SummaryCsvWriter csv = folder.summaryWriter();
    HistogramLog hlog = folder.histogramLog();
    ConsoleReport console = new ConsoleReport(out);
    for (String id : cellIds) {
      MergedFrom.Cell h = SegmentHealth.of(set, cellsOf(scans, id), id, merges.get(id));
      CellMerge.Result r = merges.get(id).finish(h.incomplete());
      csv.append(r.summary());
      hlog.append(r.summary(), r.histograms());
      console.cell(r.summary(), reps(set));
      done.add(r.summary());
      health.add(h);
      if (h.incomplete()) problems.add(SegmentHealth.describe(set, h));
    }
    out.flush();
    List<MergedFrom.Source> sources = sources(set);
    List<String> lost = SegmentHealth.lost(set, sources);
    String outcome =
        !lost.isEmpty()
            ? "incomplete: " + String.join("; ", lost)
            : problems.isEmpty()
                ? "completed"
                : "incomplete: " + problems.size() + " cell(s) lack sessions";
    problems.addAll(lost);
    manifest(set, outDir, new MergedFrom(sources, health), outcome).write(outDir);
    return new Outcome(set.runId(), done, problems);
  }

  /** Second read of one segment: every row of the run into its merged cell. */
  private void fold(
      SegmentSet.SegmentFolder f,
      SegmentCells scan,
      Map<String, CellMerge> merges,
      Map<String, Instant> starts) {
    Map<String, Double> shifts = new LinkedHashMap<>();
    scan.cells()
        .forEach(
            (id, c) -> {
              Instant mergedStart = starts.get(id);
              shifts.put(
                  id,
                  c.start == null || mergedStart == null
                      ? 0.0
                      : Duration.between(mergedStart, c.start).toNanos() / 1e9);
              if (c.summary != null) merges.get(id).addSummary(c.summary);
            });
    String runId = f.manifest().runId();
    Path raw = f.dir().resolve(ResultFolder.RAW);
    if (!Files.exists(raw)) return;
    // Only the rows the first read counted: a segment still writing cannot change the merge.
    Map<String, Integer> left = new LinkedHashMap<>();
    scan.cells().forEach((id, c) -> left.put(id, c.rows));
    RawJsonlReader.forEach(
        raw,
        r -> {
          String cell = r.get(RawFields.CELL_ID);
          if (!runId.equals(r.get(RawFields.RUN_ID)) || left.getOrDefault(cell, 0) == 0) return;
          left.merge(cell, -1, Integer::sum);
          merges.get(cell).add(r, shifts.get(cell));
        });
  }

  private static Double offset(SegmentSet.SegmentFolder f) {
    return f.manifest().segment().clockOffsetSeconds();
  }

  private static void refuseOutput(List<Path> dirs, Path outDir, String runId) {
    for (Path d : dirs) {
      if (d.toAbsolutePath().normalize().equals(outDir.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException(
            "-o " + outDir + " is one of the segment folders: merge into a folder of its own");
      }
    }
    if (Files.exists(RunManifest.path(outDir, runId))) {
      throw new IllegalArgumentException(
          outDir
              + " already holds run "
              + runId
              + " (merged before?): merging it again would count its sessions twice; merge into"
              + " another folder");
    }
    // The manifest is written last: a merge that died before it (disk full, killed) left rows.
    Path raw = outDir.resolve(ResultFolder.RAW);
    if (Files.exists(raw)) {
      boolean[] found = {false};
      RawJsonlReader.forEach(raw, r -> found[0] |= runId.equals(r.get(RawFields.RUN_ID)));
      if (found[0]) {
        throw new IllegalArgumentException(
            raw
                + " holds rows of run "
                + runId
                + " from a merge that did not finish: merging again would count them twice; merge"
                + " into another folder");
      }
    }
  }

  private static List<SegmentCells.Cell> cellsOf(List<SegmentCells> scans, String id) {
    return scans.stream().map(s -> s == null ? null : s.cell(id)).toList();
  }

  /** Every cell any segment has, by cell number ({@code <run_id>-c<n>}). */
  private static List<String> cellIds(List<SegmentCells> scans) {
    Set<String> ids = new LinkedHashSet<>();
    scans.stream().filter(Objects::nonNull).forEach(s -> ids.addAll(s.cells().keySet()));
    return ids.stream().sorted(Comparator.comparingLong(MergeService::cellNumber)).toList();
  }

  private static long cellNumber(String cellId) {
    try {
      return Long.parseLong(cellId.substring(cellId.lastIndexOf("-c") + 2));
    } catch (RuntimeException e) {
      return Long.MAX_VALUE;
    }
  }

  private static int reps(SegmentSet set) {
    return set.reference().manifest().configuration().get("reps") instanceof Number n
        ? n.intValue()
        : 1;
  }

  private static List<MergedFrom.Source> sources(SegmentSet set) {
    List<MergedFrom.Source> out = new ArrayList<>();
    for (int i = 0; i < set.count(); i++) {
      SegmentSet.SegmentFolder f = set.folders().get(i);
      RunManifest.SegmentOf s = f == null ? null : f.manifest().segment();
      out.add(
          f == null
              ? new MergedFrom.Source(i, set.count(), null, null, null, null, null)
              : new MergedFrom.Source(
                  i,
                  set.count(),
                  f.dir().toString(),
                  s.host(),
                  s.clockOffsetSeconds(),
                  s.clockReference(),
                  f.manifest().outcome()));
    }
    return out;
  }

  /**
   * The merged run's manifest: the segments' run id and shared configuration (without the
   * per-segment keys), the earliest start and the latest end, no {@code segment}, and where it came
   * from.
   */
  private static RunManifest manifest(
      SegmentSet set, Path outDir, MergedFrom from, String outcome) {
    RunManifest ref = set.reference().manifest();
    Map<String, Object> configuration = new LinkedHashMap<>(ref.configuration());
    RunManifest.PER_SEGMENT_KEYS.forEach(configuration::remove);
    configuration.put("output_dir", outDir.toString());
    List<RunManifest> ms = set.present().stream().map(SegmentSet.SegmentFolder::manifest).toList();
    String started = ms.stream().map(RunManifest::started).min(Comparator.naturalOrder()).get();
    String ended =
        ms.stream()
            .map(RunManifest::ended)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(Instant.now().toString());
    return new RunManifest(
        FormatVersion.CURRENT,
        set.runId(),
        started,
        ended,
        outcome,
        RunManifest.Tool.current(),
        configuration,
        ref.servers(),
        ref.machine(),
        null,
        from);
  }
}
