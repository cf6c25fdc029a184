package dev.openenvbench.experiment;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What {@code openenv-bench experiment} was asked for.
 *
 * @param infrastructures ids to run, in the file's order; empty = all
 * @param urls {@code --url} values: {@code URL} (the one selected infrastructure) or {@code ID=URL}
 * @param env the environment {@code ${VAR}}s of url templates are filled from
 * @param warmupSessions run's {@code --warmup}, per infrastructure; null = its default, for a
 *     server the study started ({@link StudyPlan})
 * @param deployTimeoutSeconds with {@code deploy}: how long a deployment may take to answer /health
 * @param today the date that names new results folders ({@code <base_dir>/<id>/<date>/})
 * @param commandLine the command as typed, for the log
 */
public record StudyOptions(
    Path file,
    List<String> infrastructures,
    List<String> urls,
    boolean dryRun,
    boolean deploy,
    double deployTimeoutSeconds,
    Integer warmupSessions,
    boolean progress,
    Map<String, String> env,
    LocalDate today,
    String commandLine) {
  public StudyOptions {
    if (warmupSessions != null && warmupSessions < 0)
      throw new IllegalArgumentException("--warmup must be ≥ 0");
    if (!(deployTimeoutSeconds > 0)) {
      throw new IllegalArgumentException("--deploy-timeout must be > 0");
    }
    infrastructures = List.copyOf(infrastructures);
    urls = List.copyOf(urls);
    env = Map.copyOf(env);
  }
}
