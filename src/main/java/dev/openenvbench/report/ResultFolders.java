package dev.openenvbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Loads result folders: one folder is one infrastructure. */
public final class ResultFolders {
  private ResultFolders() {}

  /**
   * Reads each folder's {@code summary.csv} (required) and {@code raw.jsonl} (optional).
   *
   * @param labels folder (as given, or its file name) → label; otherwise the folder's name
   * @param cores label → core count, for the per-core table and figure
   */
  public static List<InfraResults> load(
      List<Path> folders, Map<String, String> labels, Map<String, Integer> cores)
      throws IOException {
    List<InfraResults> out = new ArrayList<>();
    for (Path folder : folders) {
      Path summary = folder.resolve("summary.csv");
      if (!Files.isRegularFile(summary)) {
        throw new IllegalArgumentException(folder + ": no summary.csv in this result folder");
      }
      String label = labelOf(folder, labels);
      if (out.stream().anyMatch(i -> i.label().equals(label))) {
        throw new IllegalArgumentException("two folders are labelled " + label + "; use --label");
      }
      Path raw = folder.resolve("raw.jsonl");
      Optional<RawStats> stats =
          Files.isRegularFile(raw) ? Optional.of(RawJsonlReader.read(raw)) : Optional.empty();
      Integer n = cores.get(label);
      out.add(
          new InfraResults(
              label,
              SummaryRows.read(summary),
              stats,
              n == null ? OptionalInt.empty() : OptionalInt.of(n)));
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
