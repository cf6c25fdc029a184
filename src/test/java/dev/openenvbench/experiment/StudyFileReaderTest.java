package dev.openenvbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed's file is read as it is; a malformed or mistyped one is one line naming the file, the
 * line and column, where in the file and what is wrong.
 */
class StudyFileReaderTest {
  private static final Path SEED =
      Path.of("src/test/resources/experiment/seed_experiment_matrix.yaml");

  /** A minimal valid study, line by line, for the cases below to break. */
  private static final String VALID =
      """
      experiment:
        name: tiny
      variables:
        infrastructures:
          - id: a
            url_template: http://127.0.0.1:8000
        modes: [ws]
        wait_seconds: [0.1]
        batch_sizes: [1, 2]
      """;

  record Case(String meaning, String yaml, String expected) {
    @Override
    public String toString() {
      return meaning;
    }
  }

  static List<Case> malformed() {
    return List.of(
        new Case(
            "a misspelt key names the keys allowed there",
            VALID.replace("batch_sizes:", "batch_size:"),
            "study.yaml:10:1: variables: unknown key 'batch_size' (allowed here: batch_sizes,"
                + " infrastructures, modes, wait_seconds)"),
        new Case(
            "a word where a number belongs",
            VALID.replace("[1, 2]", "[1, two]"),
            "study.yaml:9:20: variables.batch_sizes[1]: expected a whole number, not 'two'"),
        new Case(
            "a fraction where a whole number belongs",
            VALID.replace("[1, 2]", "[1, 2.5]"),
            "study.yaml:9:20: variables.batch_sizes[1]: expected a whole number"),
        new Case(
            "a missing key",
            VALID.replace("  modes: [ws]\n", ""),
            "study.yaml:9:1: variables: missing key 'modes'"),
        new Case(
            "broken indentation is malformed YAML",
            VALID.replace("[ws]", "[ws"),
            "study.yaml:8:15: malformed YAML: while parsing a flow sequence"),
        new Case(
            "a key given twice",
            VALID.replace("  modes: [ws]\n", "  modes: [ws]\n  modes: [http]\n"),
            "study.yaml:8:8: malformed YAML: Duplicate Object property \"modes\""),
        new Case(
            "a mode the harness does not have", VALID.replace("[ws]", "[ws, grpc]"), "study.yaml:"),
        new Case(
            "an out-of-range value, at its section",
            VALID.replace("[0.1]", "[-1]"),
            "variables: wait_seconds: list one or more values ≥ 0"),
        new Case(
            "actions as a list, not a section",
            VALID + "actions:\n  - {message: x}\n",
            "study.yaml:11:3: actions: expected a mapping (key: value), not a list"),
        new Case(
            "an action that is not JSON, at its line",
            VALID + "actions:\n  action_json: '{\"message\": '\n",
            "study.yaml:12:1: actions: action_json: not JSON"),
        new Case(
            "an action and an actions file both",
            VALID + "actions:\n  action_json: {message: x}\n  actions_file: a.jsonl\n",
            "study.yaml:13:1: actions: action_json and actions_file both say what a step sends"),
        new Case(
            "a misspelt actions key, with the ones there are",
            VALID + "actions:\n  action: {message: x}\n",
            "study.yaml:12:1: actions: unknown key 'action' (allowed here: action_json,"
                + " actions_file, reset_json, seed, think_seconds)"),
        new Case(
            "a think time that is neither seconds nor a range",
            VALID + "actions:\n  think_seconds: soon\n",
            "actions: --think-seconds 'soon': expected seconds (2.5) or a range MIN..MAX"),
        new Case(
            "a threshold that does not parse, at its own line and column",
            VALID + "thresholds:\n  - total.p99<2s\n  - step_overhead.p99<250\n",
            "study.yaml:12:5: thresholds[1]: 'step_overhead.p99<250': step_overhead.p99"
                + " is a time: give a number and a unit (us, ms, s)"),
        new Case(
            "a threshold of an unknown metric",
            VALID + "thresholds: [latency<2s]\n",
            "study.yaml:10:14: thresholds[0]: 'latency<2s': unknown metric latency"),
        new Case(
            "a threshold that is not text",
            VALID + "thresholds: [{total.p99: 2s}]\n",
            "thresholds[0]: write each threshold as text"),
        new Case(
            "a misspelt capacity option, with the ones there are",
            VALID + "capacity:\n  max_session: 100\n",
            "study.yaml:12:1: capacity: unknown key 'max_session' (allowed here: boundary_runs,"
                + " budget_seconds, confirm_runs, max_sessions, p99_slo_seconds, resolution,"
                + " start)"),
        new Case(
            "a capacity search whose bounds cross",
            VALID + "capacity:\n  start: 64\n  max_sessions: 16\n",
            "capacity: --max-sessions must be ≥ --start (64)"),
        new Case(
            "headers as a mapping, not a list",
            VALID.replace(
                "url_template: http://127.0.0.1:8000",
                "url_template: http://127.0.0.1:8000\n      headers: {Authorization: x}"),
            "study.yaml:7:16: variables.infrastructures[0].headers: expected a list, not a mapping"),
        new Case(
            "a header without its colon never shows its value",
            VALID + "headers: ['Bearer s3cr3t']\n",
            "study.yaml:11:1: --header <redacted>: expected 'Name: value'"),
        new Case(
            "result files keep their names",
            VALID + "output:\n  raw_file: sessions.jsonl\n",
            "output: raw_file 'sessions.jsonl': result folders always use raw.jsonl"),
        new Case(
            "a list where a mapping belongs",
            VALID.replace("experiment:\n  name: tiny", "experiment: [tiny]"),
            "study.yaml:1:13: experiment: expected a mapping (key: value), not a list"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void a_malformed_file_is_one_line_with_its_place(Case c) {
    assertThatThrownBy(() -> StudyFileReader.parse("study.yaml", c.yaml()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(c.expected())
        .hasMessageStartingWith("study.yaml:")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void the_seed_files_structure_is_read_as_it_is() {
    StudyFile f = StudyFileReader.read(SEED);

    assertThat(f.experiment().name()).isEqualTo("OpenEnv Scaling Study");
    assertThat(f.successCriteria()).isEqualTo(new StudyFile.SuccessCriteria(0.95, 2.0, 0.5));
    assertThat(f.variables().infrastructures())
        .extracting(StudyFile.Infrastructure::id)
        .containsExactly("local-uvicorn", "hf-spaces", "slurm-multi");
    assertThat(f.variables().infrastructures().get(0).envVars())
        .isEqualTo(Map.of("PORT", "8000", "WORKERS", "4", "MAX_CONCURRENT_ENVS", "1000"));
    assertThat(f.variables().batchSizes()).containsExactly(1, 2, 4, 8, 16, 32, 64, 128);
    assertThat(f.execution()).isEqualTo(new StudyFile.Execution(3, 300.0, 5.0));
    assertThat(f.output().logFile()).isEqualTo("experiments/reports/EXPERIMENT_LOG.md");
    assertThat(f.metrics().has("latency")).isTrue();
    assertThat(f.analyses().size()).isEqualTo(2);
  }

  @Test
  void thresholds_and_capacity_are_read_with_capacitys_defaults() {
    StudyFile f =
        StudyFileReader.parse(
            "study.yaml",
            VALID
                + "thresholds: [\"step_overhead.p99<250ms\", \"connect.p95 < 500ms\"]\n"
                + "capacity:\n  max_sessions: 64\n  boundary_runs: 1\n");

    assertThat(f.thresholds())
        .extracting(Object::toString)
        .containsExactly("step_overhead.p99<250ms", "connect.p95 < 500ms");
    assertThat(f.capacity()).isEqualTo(new CapacitySection(8, 64, 0.05, 1, 2, 0.0, null, Map.of()));
    assertThat(f.searches()).isTrue();
    assertThat(StudyFileReader.parse("study.yaml", VALID).searches()).isFalse();
  }

  @Test
  void url_templates_take_the_environment_first_then_the_deployments_env_vars() {
    Map<String, String> envVars = Map.of("PORT", "8000");
    assertThat(UrlTemplate.fill("http://localhost:${PORT}", Map.of(), envVars).url())
        .isEqualTo("http://localhost:8000");
    assertThat(UrlTemplate.fill("http://localhost:${PORT}", Map.of("PORT", "9000"), envVars).url())
        .isEqualTo("http://localhost:9000");
    assertThat(UrlTemplate.fill("https://${USER_A}-${SPACE}.hf.space", Map.of(), envVars).missing())
        .containsExactly("USER_A", "SPACE");
  }
}
