package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.loadgen.LocalServer;
import dev.openenvbench.results.Csv;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small study run end to end against two real {@code serve} processes standing in for two
 * infrastructures: one holds 50 sessions, the other 3. Each grid lands in the seed's layout, the
 * log gets an entry, and the report's max-batch table says what each server held.
 */
class ExperimentRunTest {
  @TempDir Path dir;

  @Test
  void a_small_study_runs_into_the_seeds_layout_and_reports_each_infrastructures_max_batch()
      throws Exception {
    try (LocalServer big = LocalServer.start(Main.childJvm(), 50, 1, false, 60);
        LocalServer small = LocalServer.start(Main.childJvm(), 3, 1, false, 60)) {
      Path study = write(dir, "ws", "[0.2]", "[1, 2, 4]", 2);

      Cli.Result r =
          Cli.run(
              "experiment",
              study.toString(),
              "--url",
              "big=" + big.url(),
              "--url",
              "small=" + small.url(),
              "--warmup",
              "0",
              "--no-progress");

      assertThat(r.exit()).as(r.err()).isZero();
      String today = LocalDate.now(ZoneOffset.UTC).toString();
      for (String infra : List.of("big", "small")) {
        Path folder = dir.resolve("results").resolve(infra).resolve(today);
        List<SummaryRecord> rows = SummaryCsvReader.read(folder.resolve("summary.csv")).rows();
        assertThat(rows).as(infra).hasSize(3 * 2);
        assertThat(rows).allMatch(row -> !row.flag(SummaryColumns.INCOMPLETE));
        assertThat(rows).allMatch(row -> infra.equals(row.get(SummaryColumns.HARDWARE)));
        assertThat(folder.resolve("raw.jsonl")).isNotEmptyFile();
      }
      assertThat(r.err()).contains("cell 1/12 of the study: big ws N=1").contains("cell 12/12");

      Path report = dir.resolve("reports").resolve(today);
      Map<String, String> maxBatch = new HashMap<>();
      for (Map<String, String> row : rows(report.resolve("max-batch.csv"))) {
        assertThat(row).containsEntry("mode", "ws").containsEntry("wait_s", "0.2");
        maxBatch.put(row.get("infra"), row.get("max_batch"));
      }
      assertThat(maxBatch).isEqualTo(Map.of("big", "≥ 4", "small", "2"));
      assertThat(rows(report.resolve("batch-per-core.csv")))
          .as("cores: 2 of big gives its batch per core; small has no cores")
          .singleElement()
          .satisfies(
              row ->
                  assertThat(row)
                      .containsEntry("infra", "big")
                      .containsEntry("cores", "2")
                      .containsEntry("max_batch", "≥ 4")
                      .containsEntry("batch_per_core", "2"));

      String log = Files.readString(dir.resolve("reports/EXPERIMENT_LOG.md"));
      assertThat(log)
          .startsWith("# Experiment log\n\n## ")
          .contains("— tiny study 0.1: completed")
          .contains("- Command: `openenv-bench experiment " + study + " --url big=")
          .contains("| big (Big server) | " + big.url() + " | ")
          .contains(" | 6 | 0 | 6 |  | completed |")
          .contains("Report: " + report.resolve("report.md"))
          .contains("#### Max batch by infrastructure × mode × session × wait")
          .contains("| small | ws | 1 step | 0.2 | 2 | 2 | found | 4 |");
    }
  }

  /** A study file in the seed's structure, with its folders under {@code dir}. */
  static Path write(Path dir, String modes, String waits, String batches, int reps)
      throws Exception {
    String yaml =
        """
        experiment:
          name: tiny study
          version: "0.1"
          description: two local servers standing in for two infrastructures
        success_criteria:
          min_success_rate: 0.95
          max_latency_multiplier: 2.0
          overhead_seconds: 0.5
        variables:
          infrastructures:
            - id: big
              name: Big server
              url_template: "http://127.0.0.1:${BIG_PORT}"
              cores: 2
            - id: small
              name: Small server
              url_template: "http://127.0.0.1:${SMALL_PORT}"
          modes: [MODES]
          wait_seconds: WAITS
          batch_sizes: BATCHES
        execution:
          repetitions: REPS
          timeout_seconds: 20
          cooldown_seconds: 0.1
        output:
          base_dir: BASE
          raw_file: raw.jsonl
          summary_file: summary.csv
          log_file: LOG
        """
            .replace("MODES", modes)
            .replace("WAITS", waits)
            .replace("BATCHES", batches)
            .replace("REPS", Integer.toString(reps))
            .replace("BASE", dir.resolve("results").toString())
            .replace("LOG", dir.resolve("reports/EXPERIMENT_LOG.md").toString());
    return Files.writeString(dir.resolve("study.yaml"), yaml);
  }

  /** {@code study} with our own keys ({@code thresholds:}, {@code capacity:}) added at its end. */
  static Path withKeys(Path study, String yaml) throws Exception {
    return Files.writeString(study, Files.readString(study) + yaml);
  }

  /** A report table's CSV as rows of column → value. */
  static List<Map<String, String>> rows(Path csv) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    List<String> header = Csv.cells(lines.get(0));
    List<Map<String, String>> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> c = Csv.cells(line);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) row.put(header.get(i), c.get(i));
      out.add(row);
    }
    return out;
  }
}
