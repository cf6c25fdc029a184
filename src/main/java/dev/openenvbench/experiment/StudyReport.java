package dev.openenvbench.experiment;

import dev.openenvbench.report.ReportService;
import dev.openenvbench.report.Table;
import dev.openenvbench.report.Verdicts;
import dev.openenvbench.results.OutputWriteException;
import dev.openenvbench.results.ResultFolder;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The study's report: {@code report} over every infrastructure of the file (the folder this
 * invocation used, else its newest date folder with results) with the file's criteria, into {@code
 * <directory of log_file>/<date>/}. Also made after an interrupted study, over what was measured;
 * the one time it is not is when the JVM is already shutting down (drawing figures is not possible
 * then), and the note says which {@code openenv-bench report} command makes it.
 *
 * @param maxBatch the report's max-batch table for the log entry; its verdict table
 *     (capacity.json's answers first) when the study searches
 * @param note one line for the log: where the report is, or why there is none and what to run
 * @param dir the report's folder, or null when none was made
 * @param problem a report that could not be made for a reason the user must fix, or null
 * @param outputFailure a report file that could not be written, or null
 */
record StudyReport(
    Optional<Table> maxBatch,
    String note,
    Path dir,
    String problem,
    OutputWriteException outputFailure) {

  static StudyReport make(
      StudyPlan plan, Path dir, boolean shuttingDown, PrintWriter out, PrintStream err) {
    Map<String, Path> folders = folders(plan);
    if (folders.isEmpty()) {
      return new StudyReport(
          Optional.empty(), "No report: no infrastructure has results yet.", null, null, null);
    }
    String command = command(plan, folders, dir);
    if (shuttingDown) {
      return new StudyReport(
          Optional.empty(),
          "No report: the JVM was shutting down, where figures cannot be drawn. Make it with: `"
              + command
              + "`",
          null,
          null,
          null);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    folders.forEach((id, d) -> labels.put(d.toAbsolutePath().toString(), id));
    try {
      ReportService.Written w =
          ReportService.run(
              plan.criteria()
                  .config(List.copyOf(folders.values()), dir, labels, cores(plan, folders)));
      w.analysis().inputNotes().forEach(n -> err.println("openenv-bench report: " + n));
      w.files().forEach(out::println);
      // A search's answer is the verdict's (it leads with capacity.json and knows the thresholds
      // the probes had to meet); a grid's is its max batch.
      Optional<Table> maxBatch =
          plan.file().searches()
              ? Optional.of(Verdicts.table(w.analysis()))
              : w.tables().stream().filter(t -> t.id().equals("max-batch")).findFirst();
      String note =
          "Report: "
              + dir.resolve("report.md")
              + " (over "
              + String.join(", ", folders.values().stream().map(Path::toString).toList())
              + ")";
      return new StudyReport(maxBatch, note, dir, null, null);
    } catch (OutputWriteException e) {
      return new StudyReport(Optional.empty(), "No report: " + e.getMessage(), null, null, e);
    } catch (IllegalArgumentException e) {
      return new StudyReport(
          Optional.empty(),
          "No report: " + e.getMessage(),
          null,
          "report: " + e.getMessage(),
          null);
    } catch (RuntimeException e) {
      // A bug of the report must not take the log entry with it: the entry says what to rerun.
      String why = "the report failed (" + e + "); make it with: `" + command + "`";
      err.println("openenv-bench experiment: " + why);
      return new StudyReport(Optional.empty(), "No report: " + why, null, why, null);
    }
  }

  /** {@code openenv-bench report ...} as a person would type it for the same report. */
  static String command(StudyPlan plan, Map<String, Path> folders, Path dir) {
    List<String> words = new ArrayList<>(List.of("openenv-bench", "report"));
    folders.values().forEach(d -> words.add(d.toString()));
    words.addAll(List.of("-o", dir.toString()));
    folders.forEach((id, d) -> words.addAll(List.of("--label", d + "=" + id)));
    cores(plan, folders).forEach((id, n) -> words.addAll(List.of("--cores", id + "=" + n)));
    words.addAll(plan.criteria().reportOptions());
    return String.join(" ", words.stream().map(StudyReport::quoted).toList());
  }

  private static String quoted(String word) {
    return word.matches("[A-Za-z0-9_./=:@+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  private static Map<String, Integer> cores(StudyPlan plan, Map<String, Path> folders) {
    Map<String, Integer> cores = new LinkedHashMap<>();
    for (StudyFile.Infrastructure i : plan.file().variables().infrastructures()) {
      if (i.cores() != null && folders.containsKey(i.id())) cores.put(i.id(), i.cores());
    }
    return cores;
  }

  /**
   * Each infrastructure of the file (run now or not) with its folder for the report: the one this
   * invocation used, else its newest date folder with results.
   */
  private static Map<String, Path> folders(StudyPlan plan) {
    Map<String, Path> used = new LinkedHashMap<>();
    plan.infras().forEach(p -> used.put(p.infra().id(), p.folder()));
    Path base = Path.of(plan.file().output().baseDir());
    Map<String, Path> out = new LinkedHashMap<>();
    for (StudyFile.Infrastructure i : plan.file().variables().infrastructures()) {
      Path dir =
          used.containsKey(i.id())
              ? used.get(i.id())
              : StudyFolders.newestWithResults(base.resolve(i.id()));
      if (dir != null && Files.exists(dir.resolve(ResultFolder.SUMMARY))) out.put(i.id(), dir);
    }
    return out;
  }
}
