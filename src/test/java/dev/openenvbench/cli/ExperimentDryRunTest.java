package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code experiment --dry-run} on a file in the seed's structure plans every cell (modes × waits ×
 * batch sizes × repetitions per infrastructure), shows what it would deploy without running it, and
 * runs nothing.
 */
class ExperimentDryRunTest {
  private static final Path SEED =
      Path.of("src/test/resources/experiment/seed_experiment_matrix.yaml");
  private static final Pattern INFRA = Pattern.compile("^\\[([^\\]]+)] .*");
  private static final Pattern CELL =
      Pattern.compile("^ {4}(http|ws) +N=(\\d+) +wait=(\\S+) +rep (\\d+)/3 +to run$");

  @Test
  void the_seed_file_is_planned_into_every_cell_and_nothing_runs() {
    Cli.Result r = Cli.run("experiment", SEED.toString(), "--dry-run");

    assertThat(r.exit()).as(r.err()).isZero();
    Map<String, List<String>> cells = cellsByInfrastructure(r.out());
    assertThat(cells.keySet()).containsExactly("local-uvicorn", "hf-spaces", "slurm-multi");
    Set<String> expected = new HashSet<>();
    for (String mode : List.of("http", "ws")) {
      for (String wait : List.of("0.1", "1.0", "5.0")) {
        for (int n : List.of(1, 2, 4, 8, 16, 32, 64, 128)) {
          for (int rep = 1; rep <= 3; rep++) expected.add(mode + " " + n + " " + wait + " " + rep);
        }
      }
    }
    cells.forEach(
        (infra, list) -> {
          assertThat(list).as(infra).hasSize(2 * 3 * 8 * 3);
          assertThat(new HashSet<>(list)).as(infra).isEqualTo(expected);
        });
    // Waits 2 × 8 × 3 × (0.1 + 1 + 5) s = 292.8 s per infrastructure, cooldown 5 s × 431.
    assertThat(r.out())
        .contains(
            "Total: 432 cells, 0 already complete, 432 to run; expected duration at least 51 min");
    assertThat(r.out())
        .contains("  url:     http://localhost:8000")
        .contains(
            "  url:     https://${HF_USERNAME}-openenv-benchmark.hf.space  (needs $HF_USERNAME, or"
                + " --url hf-spaces=URL)")
        .contains("  deploy:  deploy/local/run_uvicorn.sh  (not run; --deploy runs it)")
        .contains("  env:     MAX_CONCURRENT_ENVS=1000 PORT=8000 WORKERS=4")
        .contains("  env:     HF_TOKEN=<redacted>")
        .contains("  results: experiments/results/slurm-multi/");
    assertThat(Path.of("experiments")).as("a dry run writes nothing").doesNotExist();
  }

  @Test
  void one_infrastructure_and_its_url_can_be_chosen() {
    Cli.Result r =
        Cli.run(
            "experiment",
            SEED.toString(),
            "--dry-run",
            "--infrastructure",
            "hf-spaces",
            "--url",
            "https://me-openenv-benchmark.hf.space");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(cellsByInfrastructure(r.out()).keySet()).containsExactly("hf-spaces");
    assertThat(r.out()).contains("  url:     https://me-openenv-benchmark.hf.space\n");
  }

  @Test
  void the_documented_example_is_a_valid_study() throws Exception {
    Cli.Result r = Cli.run("experiment", "docs/experiment_matrix.yaml", "--dry-run");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Thresholds: step_overhead.p99<250ms, connect.p95<500ms")
        .contains("Total: ");
    // The commented-out capacity: block, switched on, is valid too.
    Path searching = Files.createTempFile("study", ".yaml");
    try {
      Files.writeString(
          searching,
          Files.readString(Path.of("docs/experiment_matrix.yaml"))
              .replaceAll("(?m)^# ( *)(capacity:|[a-z_]+: \\d)", "$1$2"));
      Cli.Result s = Cli.run("experiment", searching.toString(), "--dry-run");
      assertThat(s.exit()).as(s.err()).isZero();
      assertThat(s.out())
          .contains(
              "= 6 searches; N from 8, doubling up to 20000, bisected to 0.05, 2 boundary run(s), 2 confirm run(s), at most 1 h 00 min per infrastructure")
          .contains("Total: 18 searches");
    } finally {
      Files.delete(searching);
    }
  }

  @Test
  void bad_input_is_one_line_and_exit_2() throws Exception {
    Path bad = Files.createTempFile("study", ".yaml");
    try {
      Files.writeString(bad, Files.readString(SEED).replace("  batch_sizes:", "  batch_size:"));
      Cli.Result typo = Cli.run("experiment", bad.toString(), "--dry-run");
      assertThat(typo.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
      assertThat(typo.err().strip())
          .startsWith("error: " + bad + ":")
          .contains("variables: unknown key 'batch_size' (allowed here: batch_sizes,")
          .doesNotContain("\n");

      Cli.Result unknown =
          Cli.run("experiment", SEED.toString(), "--dry-run", "--infrastructure", "docker");
      assertThat(unknown.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
      assertThat(unknown.err().strip())
          .isEqualTo(
              "error: --infrastructure docker: not in the file (it has local-uvicorn, hf-spaces,"
                  + " slurm-multi)");

      Cli.Result missing = Cli.run("experiment", SEED.toString(), "--infrastructure", "hf-spaces");
      assertThat(missing.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
      assertThat(missing.err())
          .contains(
              "error: [hf-spaces] url_template https://${HF_USERNAME}-openenv-benchmark.hf.space"
                  + " needs $HF_USERNAME: set it in the environment or pass --url hf-spaces=URL");
    } finally {
      Files.delete(bad);
    }
  }

  /** Infrastructure id → its cell lines as "mode N wait rep", from the printed plan. */
  private static Map<String, List<String>> cellsByInfrastructure(String out) {
    Map<String, List<String>> cells = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : out.split("\n")) {
      Matcher infra = INFRA.matcher(line);
      Matcher cell = CELL.matcher(line);
      if (infra.matches()) {
        current = new ArrayList<>();
        cells.put(infra.group(1), current);
      } else if (cell.matches()) {
        current.add(
            cell.group(1) + " " + cell.group(2) + " " + cell.group(3) + " " + cell.group(4));
      }
    }
    return cells;
  }
}
