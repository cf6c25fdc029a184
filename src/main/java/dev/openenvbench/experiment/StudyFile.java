package dev.openenvbench.experiment;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.Connection;
import dev.openenvbench.results.ResultFolder;
import dev.openenvbench.results.SeedCriterion;
import dev.openenvbench.verdict.Threshold;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An experiment file as the seed's {@code experiments/config/experiment_matrix.yaml} lays it out,
 * bound by {@link StudyFileReader}. Keys are the seed's (snake_case); any other key is an error
 * naming its line, so a typo never silently changes a study. Each record checks its own values, so
 * an out-of-range value is reported at its place in the file too.
 *
 * <p>Our additions are optional keys: {@code cores} on an infrastructure (batch per core in the
 * report), {@code thresholds} ({@code run --threshold}'s bounds, checked per infrastructure) and
 * {@code capacity} (a search instead of the grid, {@link CapacitySection}), {@code actions} (what
 * each session sends, {@link StudyActions}) and {@code headers} ({@code run --header}'s, {@link
 * StudyWorkload}); an infrastructure may have its own {@code actions} and {@code headers} too, and
 * {@code open_window} ({@code run --open-window}).
 *
 * @param metrics the seed's description of what is measured: accepted, not acted on
 * @param analyses the seed's description of the analyses: accepted, not acted on
 */
public record StudyFile(
    Experiment experiment,
    SuccessCriteria successCriteria,
    Variables variables,
    Execution execution,
    Output output,
    JsonNode metrics,
    JsonNode analyses,
    @JsonDeserialize(contentUsing = ThresholdValue.class) List<Threshold> thresholds,
    CapacitySection capacity,
    StudyActions actions,
    List<String> headers,
    @JsonAnySetter Map<String, Object> unknown) {

  public StudyFile {
    Keys.noUnknown(unknown, StudyFile.class);
    Keys.require("experiment", experiment);
    Keys.require("variables", variables);
    successCriteria = successCriteria == null ? SuccessCriteria.SEED : successCriteria;
    execution = execution == null ? Execution.DEFAULT : execution;
    output = output == null ? Output.SEED : output;
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    headers = StudyHeaders.check(headers);
    if (capacity != null) {
      for (Infrastructure i : variables.infrastructures()) {
        if (i.openWindow() > 0) {
          throw new IllegalArgumentException(
              "infrastructure '"
                  + i.id()
                  + "': open_window does not combine with capacity (a probe's total latency"
                  + " would include each session's wait for its turn)");
        }
      }
    }
  }

  /** Whether each infrastructure gets a capacity search instead of its grid. */
  public boolean searches() {
    return capacity != null;
  }

  /** {@code experiment:} what the study is called. */
  public record Experiment(
      String name, String version, String description, @JsonAnySetter Map<String, Object> unknown) {
    public Experiment {
      Keys.noUnknown(unknown, Experiment.class);
      Keys.require("name", name);
    }
  }

  /**
   * {@code success_criteria:} a configuration passes when its success rate is at least {@code
   * min_success_rate} and its total p99 at most {@code max_latency_multiplier × (wait +
   * overhead_seconds)}.
   */
  public record SuccessCriteria(
      Double minSuccessRate, Double maxLatencyMultiplier, Double overheadSeconds) {
    /** The seed's criteria, which are also report's defaults. */
    static final SuccessCriteria SEED =
        new SuccessCriteria(
            SeedCriterion.MIN_SUCCESS_RATE,
            SeedCriterion.LATENCY_MULTIPLIER,
            SeedCriterion.OVERHEAD_SECONDS);

    public SuccessCriteria {
      minSuccessRate = minSuccessRate == null ? SeedCriterion.MIN_SUCCESS_RATE : minSuccessRate;
      maxLatencyMultiplier =
          maxLatencyMultiplier == null ? SeedCriterion.LATENCY_MULTIPLIER : maxLatencyMultiplier;
      overheadSeconds = overheadSeconds == null ? SeedCriterion.OVERHEAD_SECONDS : overheadSeconds;
      if (!(minSuccessRate > 0 && minSuccessRate <= 1)) {
        throw new IllegalArgumentException("min_success_rate must be in (0, 1]");
      }
      if (!(maxLatencyMultiplier > 0)) {
        throw new IllegalArgumentException("max_latency_multiplier must be > 0");
      }
      if (!(overheadSeconds >= 0)) {
        throw new IllegalArgumentException("overhead_seconds must be ≥ 0");
      }
    }
  }

  /** {@code variables:} the grid, and where it runs. */
  public record Variables(
      List<Infrastructure> infrastructures,
      List<String> modes,
      List<Double> waitSeconds,
      List<Integer> batchSizes,
      @JsonAnySetter Map<String, Object> unknown) {
    public Variables {
      Keys.noUnknown(unknown, Variables.class);
      Keys.require("infrastructures", infrastructures);
      Keys.require("modes", modes);
      Keys.require("wait_seconds", waitSeconds);
      Keys.require("batch_sizes", batchSizes);
      if (infrastructures.isEmpty()) {
        throw new IllegalArgumentException("infrastructures: list at least one");
      }
      Set<String> ids = new HashSet<>();
      for (Infrastructure i : infrastructures) {
        if (!ids.add(i.id())) {
          throw new IllegalArgumentException("infrastructures: id '" + i.id() + "' appears twice");
        }
      }
      if (modes.isEmpty()) throw new IllegalArgumentException("modes: list at least one");
      modes.forEach(CellPlan.Mode::parse);
      if (waitSeconds.isEmpty() || waitSeconds.stream().anyMatch(w -> !(w >= 0))) {
        throw new IllegalArgumentException("wait_seconds: list one or more values ≥ 0");
      }
      if (batchSizes.isEmpty() || batchSizes.stream().anyMatch(n -> n < 1)) {
        throw new IllegalArgumentException("batch_sizes: list one or more values ≥ 1");
      }
      infrastructures = List.copyOf(infrastructures);
      modes = List.copyOf(modes);
      waitSeconds = List.copyOf(waitSeconds);
      batchSizes = List.copyOf(batchSizes);
    }

    /** The modes as the harness names them, duplicates (http, HTTP) once. */
    public List<CellPlan.Mode> harnessModes() {
      return modes.stream().map(CellPlan.Mode::parse).distinct().toList();
    }
  }

  /**
   * One deployment under test.
   *
   * @param id the results folder's name, {@code <base_dir>/<id>/<date>/}
   * @param urlTemplate the server's URL; {@code ${VAR}} is filled from the environment
   * @param envVars the deployment's environment: shown in the plan, given to {@code deploy_script}
   *     with {@code --deploy}, and the last place a {@code ${VAR}} of the URL is looked up
   * @param maxExpectedBatch the seed's expectation: shown in the plan and the log, not a cap
   * @param cores ours: the deployment's cores, for the report's batch-per-core table
   * @param openWindow ours: {@code run --open-window}, at most this many sessions of a cell opening
   *     at once; 0 = all at once; {@code auto} or absent: the window finding its own width
   */
  public record Infrastructure(
      String id,
      String name,
      String deployScript,
      String urlTemplate,
      Map<String, String> envVars,
      Integer maxExpectedBatch,
      String notes,
      Integer cores,
      List<String> headers,
      StudyActions actions,
      @JsonDeserialize(using = OpenWindowValue.class) Integer openWindow,
      @JsonAnySetter Map<String, Object> unknown) {
    public Infrastructure {
      Keys.noUnknown(unknown, Infrastructure.class);
      Keys.require("id", id);
      Keys.require("url_template", urlTemplate);
      if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new IllegalArgumentException(
            "id '" + id + "': letters, digits, '.', '_' and '-' only (it names a folder)");
      }
      if (cores != null && cores < 1) throw new IllegalArgumentException("cores must be ≥ 1");
      // Parsed by OpenWindowValue: auto or a number ≥ 0; absent is auto, as for run.
      openWindow = openWindow == null ? Connection.OPEN_WINDOW_AUTO : openWindow;
      if (maxExpectedBatch != null && maxExpectedBatch < 1) {
        throw new IllegalArgumentException("max_expected_batch must be ≥ 1");
      }
      envVars = envVars == null ? Map.of() : Map.copyOf(envVars);
      headers = StudyHeaders.check(headers);
    }

    /** The name people read: {@code name}, or the id. */
    public String displayName() {
      return name == null || name.isBlank() ? id : name;
    }
  }

  /** {@code execution:} how each cell runs. */
  public record Execution(Integer repetitions, Double timeoutSeconds, Double cooldownSeconds) {
    static final Execution DEFAULT = new Execution(null, null, null);

    public Execution {
      repetitions = repetitions == null ? 1 : repetitions;
      timeoutSeconds = timeoutSeconds == null ? 120.0 : timeoutSeconds;
      cooldownSeconds = cooldownSeconds == null ? 0.0 : cooldownSeconds;
      if (repetitions < 1) throw new IllegalArgumentException("repetitions must be ≥ 1");
      if (!(timeoutSeconds > 0)) throw new IllegalArgumentException("timeout_seconds must be > 0");
      if (!(cooldownSeconds >= 0)) {
        throw new IllegalArgumentException("cooldown_seconds must be ≥ 0");
      }
    }
  }

  /**
   * {@code output:} where results and the log go. Relative paths are taken from the working
   * directory, as the seed's script (run from its repository's root) takes them.
   *
   * @param rawFile must be {@code raw.jsonl} and {@code summaryFile} {@code summary.csv}: the
   *     result folder's file names are part of its format, which {@code report} reads
   */
  public record Output(String baseDir, String rawFile, String summaryFile, String logFile) {
    static final Output SEED = new Output(null, null, null, null);

    public Output {
      baseDir = baseDir == null ? "experiments/results" : baseDir;
      rawFile = rawFile == null ? ResultFolder.RAW : rawFile;
      summaryFile = summaryFile == null ? ResultFolder.SUMMARY : summaryFile;
      logFile = logFile == null ? "experiments/reports/EXPERIMENT_LOG.md" : logFile;
      if (!rawFile.equals(ResultFolder.RAW)) {
        throw new IllegalArgumentException(
            "raw_file '" + rawFile + "': result folders always use " + ResultFolder.RAW);
      }
      if (!summaryFile.equals(ResultFolder.SUMMARY)) {
        throw new IllegalArgumentException(
            "summary_file '"
                + summaryFile
                + "': result folders always use "
                + ResultFolder.SUMMARY);
      }
    }
  }
}
