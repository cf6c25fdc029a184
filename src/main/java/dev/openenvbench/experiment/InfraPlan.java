package dev.openenvbench.experiment;

import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.Resume;
import dev.openenvbench.loadgen.RunConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * One infrastructure's part of a study: its server, its results folder, its grid as a {@code run}
 * configuration, and which of its cells an earlier invocation already completed there.
 *
 * @param url the server's URL; null when {@code missingVars} is not empty
 * @param missingVars {@code ${VAR}}s of the url template that have no value
 * @param config the grid as {@code run} runs it (no targets while the URL is unknown)
 * @param resume the cells already complete in {@code folder}
 */
public record InfraPlan(
    StudyFile.Infrastructure infra,
    String url,
    List<String> missingVars,
    Path folder,
    RunConfig config,
    Resume resume) {

  /** Every cell in run order, as {@code run} orders them. */
  public List<CellPlan> cells() {
    return config.cells(List.of());
  }

  /** The cells still to run, in run order. */
  public List<CellPlan> remaining() {
    return cells().stream().filter(c -> !resume.completed(c)).toList();
  }

  /** Whether this is an earlier invocation's folder, continued. */
  public boolean continues() {
    return !resume.runs().isEmpty();
  }
}
