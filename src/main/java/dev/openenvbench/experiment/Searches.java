package dev.openenvbench.experiment;

import dev.openenvbench.capacity.CapacityConfig;
import dev.openenvbench.capacity.LimitingFactor;
import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.RunConfig;
import dev.openenvbench.results.CapacityFile;
import dev.openenvbench.results.ResultFileException;
import dev.openenvbench.verdict.Thresholds;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code capacity:} as {@code capacity}'s own configuration, and whether an infrastructure's folder
 * already holds its answers. The searches replace the grid rather than add to it: the seed's {@code
 * batch_sizes} ask "does N pass?" at fixed points, a search asks "which N is the last to pass?" and
 * picks its own points, so running both would measure the same question twice.
 */
final class Searches {
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
   * Whether {@code folder}'s capacity.json has an answer for every mode × wait of {@code search}
   * that a stop did not cut short: then an earlier invocation finished this infrastructure. An
   * unreadable capacity.json answers nothing; the search replaces it.
   */
  static boolean answered(CapacityConfig search, Path folder) {
    List<CapacityFile.Answer> answers;
    try {
      answers = CapacityFile.read(folder);
    } catch (ResultFileException unreadable) {
      return false;
    }
    RunConfig run = search.run();
    for (CellPlan.Mode m : run.modes()) {
      for (double w : run.waitGrid()) {
        boolean found =
            answers.stream()
                .anyMatch(
                    a ->
                        a.mode().equals(m.label())
                            && a.waitSeconds() == w
                            && !a.limitKind().equals(LimitingFactor.Kind.STOPPED.label()));
        if (!found) return false;
      }
    }
    return true;
  }
}
