package dev.openenvbench.experiment;

import dev.openenvbench.capacity.CapacityResult;
import dev.openenvbench.results.OutputWriteException;
import dev.openenvbench.verdict.Check;
import dev.openenvbench.verdict.Thresholds;
import java.nio.file.Path;
import java.util.List;

/**
 * What an invocation of {@code experiment} did, for the log and the exit code.
 *
 * @param abortReason why the study stopped early (Ctrl-C, a run aborted), or null
 * @param problems things the user must fix: an infrastructure whose pre-flight check or deployment
 *     failed, a report that could not be made
 * @param outputFailure the first result, report or log file that could not be written, or null
 * @param report the report's folder, or null when none was made
 */
public record StudyOutcome(
    StudyPlan plan,
    List<InfraOutcome> infras,
    String abortReason,
    List<String> problems,
    OutputWriteException outputFailure,
    Path report) {

  /**
   * One infrastructure's part.
   *
   * @param completeBefore cells an earlier invocation had completed in its folder
   * @param completedNow cells this invocation measured to the end
   * @param succeededNow cells of this invocation in which at least one session succeeded
   * @param outcome {@code completed}, {@code aborted: ...}, {@code not run: ...}, {@code skipped}
   * @param checks the file's {@code thresholds} on this infrastructure's configurations; empty when
   *     the file has none or nothing was checked now
   * @param answers the capacity searches' answers ({@code capacity:}); empty for a grid
   */
  public record InfraOutcome(
      InfraPlan plan,
      int completeBefore,
      int completedNow,
      int succeededNow,
      String outcome,
      List<Check> checks,
      List<CapacityResult> answers) {

    InfraOutcome(
        InfraPlan plan, int completeBefore, int completedNow, int succeededNow, String outcome) {
      this(plan, completeBefore, completedNow, succeededNow, outcome, List.of(), List.of());
    }

    /** Whether a threshold was checked here and did not hold. */
    public boolean requirementFailed() {
      return !checks.isEmpty() && !Thresholds.passed(checks);
    }
  }

  /** Cells measured now, none of them with a successful session. */
  public boolean nothingWorked() {
    return infras.stream().mapToInt(InfraOutcome::completedNow).sum() > 0
        && infras.stream().mapToInt(InfraOutcome::succeededNow).sum() == 0;
  }

  /** A threshold of the file failed on some infrastructure (exit 1). */
  public boolean requirementFailed() {
    return infras.stream().anyMatch(InfraOutcome::requirementFailed);
  }
}
