package dev.openenvbench.experiment;

import dev.openenvbench.capacity.CapacityConfig;
import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.RunConfig;
import dev.openenvbench.results.CapacityFile;
import dev.openenvbench.results.ResultFileException;
import dev.openenvbench.results.RunManifest;
import dev.openenvbench.verdict.Thresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code capacity:} as {@code capacity}'s own configuration, and whether an infrastructure's folder
 * already holds its answers. The searches replace the grid rather than add to it: the seed's {@code
 * batch_sizes} ask "does N pass?" at fixed points, a search asks "which N is the last to pass?" and
 * picks its own points, so running both would measure the same question twice.
 */
final class Searches {
  /** A run manifest's outcome when nothing stopped the run (RunService writes it). */
  private static final String COMPLETED = "completed";

  private Searches() {}

  /**
   * @param run the infrastructure's probe run ({@link StudyPlan}'s configuration for it)
   */
  static CapacityConfig config(StudyFile f, RunConfig run, ReportCriteria criteria) {
    CapacitySection c = f.capacity();
    try {
      return new CapacityConfig(
          run,
          c.start(),
          c.maxSessions(),
          c.resolution(),
          c.boundaryRuns(),
          c.confirmRuns(),
          c.budgetSeconds(),
          criteria.successThreshold(),
          c.p99SloSeconds(),
          criteria.latencyLimit(),
          new Thresholds(f.thresholds()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "capacity: " + e.getMessage().replace("--p99-slo SECONDS", "capacity.p99_slo_seconds"));
    }
  }

  /**
   * Whether {@code folder}'s capacity.json answers every mode × wait of {@code search} from a run
   * that ended on its own: then an earlier invocation finished this infrastructure. A search that
   * {@code budget_seconds} ended is finished (its run's manifest says {@code completed}); one that
   * Ctrl-C or a lost server cut short is not ({@code aborted: ...}), and is searched again. An
   * unreadable capacity.json or manifest answers nothing; the search replaces them.
   */
  static boolean answered(CapacityConfig search, Path folder) {
    List<CapacityFile.Answer> answers;
    try {
      answers = CapacityFile.read(folder);
      if (answers.isEmpty()) return false;
      Path manifest = RunManifest.path(folder, answers.getFirst().runId());
      if (!Files.isRegularFile(manifest)) return false;
      if (!COMPLETED.equals(RunManifest.read(manifest).outcome())) return false;
    } catch (ResultFileException unreadable) {
      return false;
    }
    RunConfig run = search.run();
    for (CellPlan.Mode m : run.modes()) {
      for (double w : run.waitGrid()) {
        if (answers.stream().noneMatch(a -> a.mode().equals(m.label()) && a.waitSeconds() == w)) {
          return false;
        }
      }
    }
    return true;
  }
}
