package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.loadgen.LocalServer;
import dev.openenvbench.results.SummaryCsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A study with {@code capacity:} searches its infrastructure instead of sweeping batch_sizes: a
 * real {@code serve} capped at 5 sessions is found to hold 5, limited by its session cap, with
 * capacity.json in the infrastructure's folder, the answer in the log and in the report's verdict.
 * The same command again finds the answer there and searches nothing.
 */
class ExperimentCapacityTest {
  @TempDir Path dir;

  @Test
  void a_capacity_study_searches_instead_of_sweeping_and_is_not_searched_twice() throws Exception {
    try (LocalServer server = LocalServer.start(Main.childJvm(), 5, 1, false, 60)) {
      Path study =
          ExperimentRunTest.withKeys(
              ExperimentRunTest.write(dir, "ws", "[0.5]", "[1, 2, 4]", 3),
              "capacity:\n  start: 2\n  max_sessions: 16\n  boundary_runs: 1\n  confirm_runs: 1\n");
      String[] args = bigOnly(study, server);

      Cli.Result dry = Cli.run(append(args, "--dry-run"));
      assertThat(dry.exit()).as(dry.err()).isZero();
      assertThat(dry.out())
          .contains(
              "Capacity search per infrastructure (capacity:, instead of batch_sizes and"
                  + " repetitions): modes [ws] × wait_seconds [0.5] = 1 searches; N from 2,"
                  + " doubling up to 16")
          .contains("  searches: 1, 0 already complete, 1 to run")
          .contains("    ws   wait=0.5    search N 2..16  to run");

      Cli.Result r = Cli.run(args);

      assertThat(r.exit()).as(r.err()).isZero();
      String today = LocalDate.now(ZoneOffset.UTC).toString();
      Path folder = dir.resolve("results/big").resolve(today);
      JsonNode search =
          JsonMapper.builder()
              .build()
              .readTree(folder.resolve("capacity.json").toFile())
              .path("searches")
              .get(0);
      assertThat(search.path("capacity").intValue()).as(r.err()).isEqualTo(5);
      assertThat(search.path("limiting_factor").path("kind").stringValue())
          .isEqualTo("session_cap");
      // The probes, not the batch sizes: one row each, N chosen by the search.
      assertThat(SummaryCsvReader.read(folder.resolve("summary.csv")).rows())
          .hasSize(search.path("probes").size())
          .noneMatch(row -> row.numRequests() == 1);
      String sentence = search.path("sentence").stringValue();
      assertThat(r.out()).contains(sentence);
      assertThat(r.err()).contains("openenv-bench experiment: big capacity probe 1");
      String log = Files.readString(dir.resolve("reports/EXPERIMENT_LOG.md"));
      assertThat(log)
          .contains("- Capacity [big]: " + sentence)
          .contains(" | 1 | 0 | 1 |  | completed |")
          // The report's verdict, which leads with the search's answer, not the grid's max batch.
          .contains("#### Verdict: concurrent sessions held")
          .contains("| big | ws | 1 step | 0.5 | 5 | 5 pass, 6 fail");
      assertThat(Files.readString(dir.resolve("reports").resolve(today).resolve("report.md")))
          .contains("5 pass, 6 fail");

      Cli.Result again = Cli.run(args);

      assertThat(again.exit()).as(again.err()).isZero();
      assertThat(again.err())
          .contains("[big] capacity.json in " + folder + " already answers every search")
          .doesNotContain("capacity probe");
      assertThat(again.out()).contains("  searches: 1, 1 already complete, 0 to run");
      assertThat(Files.readString(dir.resolve("reports/EXPERIMENT_LOG.md")))
          .contains(" | 1 | 1 | 0 |  | completed (searched earlier) |");
    }
  }

  /**
   * A search that budget_seconds ended is that infrastructure's answer (its run completed): the
   * plan calls it answered. The same folder with its run marked aborted, as Ctrl-C leaves it, is
   * searched again.
   */
  @Test
  void a_search_the_budget_ended_is_answered_and_an_aborted_one_is_not() throws Exception {
    try (LocalServer server = LocalServer.start(Main.childJvm(), 5, 1, false, 60)) {
      Path study =
          ExperimentRunTest.withKeys(
              ExperimentRunTest.write(dir, "ws", "[0.2]", "[1]", 1),
              "capacity:\n  start: 2\n  max_sessions: 16\n  budget_seconds: 0.001\n");
      String[] args = bigOnly(study, server);
      Cli.Result r = Cli.run(args);
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("ws, wait 0.2 s: ").contains("budget");

      assertThat(Cli.run(append(args, "--dry-run")).out())
          .contains("    ws   wait=0.2    search N 2..16  answered in capacity.json");

      Path runs =
          dir.resolve("results/big")
              .resolve(LocalDate.now(ZoneOffset.UTC).toString())
              .resolve("runs");
      try (var dirs = Files.list(runs)) {
        Path manifest = dirs.findFirst().orElseThrow().resolve("manifest.json");
        String text = Files.readString(manifest);
        assertThat(text).contains("\"outcome\" : \"completed\"");
        Files.writeString(
            manifest,
            text.replace("\"outcome\" : \"completed\"", "\"outcome\" : \"aborted: interrupted\""));
      }
      assertThat(Cli.run(append(args, "--dry-run")).out())
          .contains("    ws   wait=0.2    search N 2..16  to run");
    }
  }

  /** The study's "big" infrastructure alone, on {@code server}, as typed. */
  private static String[] bigOnly(Path study, LocalServer server) {
    return new String[] {
      "experiment",
      study.toString(),
      "--infrastructure",
      "big",
      "--url",
      server.url(),
      "--warmup",
      "0",
      "--no-progress"
    };
  }

  private static String[] append(String[] args, String more) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = more;
    return out;
  }
}
