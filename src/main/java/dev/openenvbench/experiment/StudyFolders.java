package dev.openenvbench.experiment;

import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.Resume;
import dev.openenvbench.loadgen.RunConfig;
import dev.openenvbench.results.ResultFileException;
import dev.openenvbench.results.ResultFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Which {@code <base_dir>/<id>/<date>/} folder an infrastructure's cells go to. The newest date
 * folder is continued when it is today's, or when it holds an unfinished run of this same grid (a
 * study interrupted yesterday is finished today, not restarted); otherwise a new study starts in
 * today's folder.
 */
final class StudyFolders {
  private StudyFolders() {}

  /**
   * @param configIn the study's {@code run} configuration with a given output folder
   */
  static Path choose(Path infraDir, LocalDate today, Function<Path, RunConfig> configIn) {
    Path todays = infraDir.resolve(today.toString());
    Path newest = newestDateFolder(infraDir);
    if (newest == null || newest.equals(todays)) return todays;
    RunConfig cfg = configIn.apply(newest);
    Resume r = Resume.of(cfg, newest);
    List<CellPlan> cells = cfg.cells(List.of());
    boolean unfinished = !r.runs().isEmpty() && cells.stream().anyMatch(c -> !r.completed(c));
    return unfinished ? newest : todays;
  }

  /** The newest date folder that has a summary.csv, or null. */
  static Path newestWithResults(Path infraDir) {
    if (!Files.isDirectory(infraDir)) return null;
    try (Stream<Path> dirs = Files.list(infraDir)) {
      return dirs.filter(d -> isDate(d.getFileName().toString()))
          .filter(d -> Files.isRegularFile(d.resolve(ResultFolder.SUMMARY)))
          .max(Comparator.comparing(d -> d.getFileName().toString()))
          .orElse(null);
    } catch (IOException e) {
      throw new ResultFileException(infraDir, "cannot list: " + e.getMessage());
    }
  }

  private static Path newestDateFolder(Path infraDir) {
    if (!Files.isDirectory(infraDir)) return null;
    try (Stream<Path> dirs = Files.list(infraDir)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> isDate(d.getFileName().toString()))
          .max(Comparator.comparing(d -> d.getFileName().toString()))
          .orElse(null);
    } catch (IOException e) {
      throw new ResultFileException(infraDir, "cannot list: " + e.getMessage());
    }
  }

  private static boolean isDate(String name) {
    try {
      LocalDate.parse(name);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }
}
