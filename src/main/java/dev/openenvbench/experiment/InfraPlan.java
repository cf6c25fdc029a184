package dev.openenvbench.experiment;

import dev.openenvbench.capacity.CapacityConfig;
import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.Resume;
import dev.openenvbench.loadgen.RunConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * One infrastructure's part of a study: its server, its results folder, its grid as a {@code run}
 * configuration (or its capacity searches), and what an earlier invocation already completed there.
 *
 * @param url the server's URL; null when one of its {@code ${VAR}}s has no value
 * @param missingVars {@code ${VAR}}s of the url template or of a header that have no value
 * @param config the grid as {@code run} runs it (no targets while the URL is unknown); with {@code
 *     search}, the run its probes share (one cell per mode × wait, at {@code max_sessions})
 * @param resume the grid's cells already complete in {@code folder}
 * @param search the capacity searches that replace the grid ({@code capacity:}), or null
 * @param searched whether {@code folder}'s capacity.json already answers every search, from a run
 *     that ended on its own ({@link Searches#answered})
 */
public record InfraPlan(
    StudyFile.Infrastructure infra,
    String url,
    List<String> missingVars,
    Path folder,
    RunConfig config,
    Resume resume,
    CapacityConfig search,
    boolean searched) {

  /** Every cell in run order, as {@code run} orders them; with a search, one per search. */
  public List<CellPlan> cells() {
    return config.cells(List.of());
  }

  /** The cells (or searches) still to run, in run order. */
  public List<CellPlan> remaining() {
    if (search != null) return searched ? List.of() : cells();
    return cells().stream().filter(c -> !resume.completed(c)).toList();
  }

  /** Whether this is an earlier invocation's folder, continued. */
  public boolean continues() {
    return search != null ? searched : !resume.runs().isEmpty();
  }
}
