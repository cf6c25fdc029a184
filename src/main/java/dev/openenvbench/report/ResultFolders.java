package dev.openenvbench.report;

import dev.openenvbench.results.CapacityFile;
import dev.openenvbench.results.FileRead;
import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.ResultFolder;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.TimeSeriesFile;
import dev.openenvbench.results.TimeSeriesRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Loads result folders, one per infrastructure, through the project's readers: summary.csv
 * (required), raw.jsonl, capacity.json and timeseries.csv (optional), of any format version or the
 * seed's.
 */
public final class ResultFolders {
  private ResultFolders() {}

  /**
   * @param labels folder (as given, or its file name) → label; otherwise the folder's name
   * @param cores label → core count, for the per-core table and figure
   * @param notices what the readers skipped (a torn last line), one sentence each
   */
  public static List<InfraResults> load(
      List<Path> folders,
      Map<String, String> labels,
      Map<String, Integer> cores,
      Consumer<String> notices) {
    List<InfraResults> out = new ArrayList<>();
    for (Path folder : folders) {
      Path summary = folder.resolve(ResultFolder.SUMMARY);
      if (!Files.isRegularFile(summary)) {
        throw new IllegalArgumentException(folder + ": no summary.csv in this result folder");
      }
      String label = labelOf(folder, labels);
      if (out.stream().anyMatch(i -> i.label().equals(label))) {
        throw new IllegalArgumentException("two folders are labelled " + label + "; use --label");
      }
      SummaryCsvReader.Read rows = SummaryCsvReader.read(summary);
      rows.file().notice().ifPresent(notices);
      Path raw = folder.resolve(ResultFolder.RAW);
      Optional<RawStats> stats = Optional.empty();
      if (Files.isRegularFile(raw)) {
        RawStats s = new RawStats();
        FileRead read = RawJsonlReader.forEach(raw, s::add);
        read.notice().ifPresent(notices);
        stats = Optional.of(s);
      }
      Path series = folder.resolve(TimeSeriesFile.NAME);
      List<TimeSeriesRecord> seconds = List.of();
      if (Files.isRegularFile(series)) {
        TimeSeriesFile.Read read = TimeSeriesFile.read(series);
        read.file().notice().ifPresent(notices);
        seconds = read.rows();
      }
      Integer n = cores.get(label);
      out.add(
          new InfraResults(
              label,
              rows.rows(),
              stats,
              n == null ? OptionalInt.empty() : OptionalInt.of(n),
              CapacityFile.read(folder),
              seconds));
    }
    return out;
  }

  static String labelOf(Path folder, Map<String, String> labels) {
    String name = folder.toAbsolutePath().normalize().getFileName().toString();
    for (var e : labels.entrySet()) {
      Path key = Path.of(e.getKey());
      if (e.getKey().equals(name)
          || key.toAbsolutePath().normalize().equals(folder.toAbsolutePath().normalize())) {
        return e.getValue();
      }
    }
    return name;
  }
}
