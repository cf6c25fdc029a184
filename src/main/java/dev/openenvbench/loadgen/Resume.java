package dev.openenvbench.loadgen;

import dev.openenvbench.results.Configuration;
import dev.openenvbench.results.ResultFolder;
import dev.openenvbench.results.RunManifest;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code run --resume}: the cells an earlier run with the same options completed in the output
 * folder, so that an interrupted sweep can be finished instead of started over. Runs are matched on
 * their manifests ({@code configuration}, without the options that do not change what is measured:
 * {@link RunConfig#NOT_COMPARED_BY_RESUME}); a cell is complete when one of their rows has its
 * configuration and repetition and is not {@code incomplete}.
 *
 * @param runs the ids of the earlier runs that match
 * @param done configuration and repetition of every completed cell
 */
public record Resume(List<String> runs, Set<Done> done) {
  /** No resuming: every cell runs. */
  public static final Resume NONE = new Resume(List.of(), Set.of());

  /** A completed cell: its configuration and repetition. */
  public record Done(Configuration configuration, int repetition) {}

  public static Resume of(RunConfig cfg, Path dir) {
    List<String> runs =
        RunManifest.all(dir).stream()
            .filter(
                m ->
                    RunManifest.sameConfiguration(
                        m.configuration(), cfg.describe(), RunConfig.NOT_COMPARED_BY_RESUME))
            .map(RunManifest::runId)
            .toList();
    Set<Done> done = new HashSet<>();
    Path summary = dir.resolve(ResultFolder.SUMMARY);
    if (!runs.isEmpty() && Files.exists(summary)) {
      for (SummaryRecord r : SummaryCsvReader.read(summary).rows()) {
        if (runs.contains(r.get(SummaryColumns.RUN_ID)) && !r.flag(SummaryColumns.INCOMPLETE)) {
          done.add(new Done(r.configuration(), r.get(SummaryColumns.REPETITION)));
        }
      }
    }
    return new Resume(runs, Set.copyOf(done));
  }

  /** What resuming found, for the console. */
  public String describe(RunConfig cfg, Path dir) {
    if (runs.isEmpty()) {
      return "--resume: no earlier run with these options in "
          + dir
          + allAtOnceHint(cfg, dir)
          + "; running every cell";
    }
    List<CellPlan> all = cfg.cells(List.of());
    long complete = all.stream().filter(this::completed).count();
    return String.format(
        Locale.ROOT,
        "--resume: %d of %d cell(s) already complete in %s (run %s); running the other %d",
        complete,
        all.size(),
        dir,
        String.join(", ", runs),
        all.size() - complete);
  }

  /**
   * A folder written before the open window and the paced barrier release became the defaults ran
   * all at once: a run of today's defaults finds nothing to resume there, and says how to.
   */
  private static String allAtOnceHint(RunConfig cfg, Path dir) {
    if (cfg.connection().openWindow() == 0 && cfg.connection().releaseRate() == 0) return "";
    Map<String, Object> allAtOnce = new LinkedHashMap<>(cfg.describe());
    allAtOnce.put("connection", cfg.connection().allAtOnce().describe());
    boolean found =
        RunManifest.all(dir).stream()
            .anyMatch(
                m ->
                    RunManifest.sameConfiguration(
                        m.configuration(), allAtOnce, RunConfig.NOT_COMPARED_BY_RESUME));
    return found
        ? " (an earlier run there opened and stepped its sessions all at once: add --open-window 0"
            + " --release-rate 0 to resume it)"
        : "";
  }

  /** Whether an earlier run completed this cell (its targets aside: a local server's change). */
  public boolean completed(CellPlan plan) {
    Configuration c =
        new Configuration(
            plan.mode().label(),
            plan.openLoop() == null ? plan.numRequests() : 0,
            plan.waitSeconds(),
            plan.steps(),
            plan.barrier(),
            plan.rampSeconds(),
            plan.openLoop() == null ? 0 : plan.openLoop().ratePerSecond(),
            plan.openLoop() == null
                ? ""
                : Configuration.arrival(
                    plan.openLoop().process(),
                    plan.openLoop().durationSeconds(),
                    plan.openLoop().maxInFlight()));
    return done.contains(new Done(c, plan.repetition()));
  }
}
