package dev.openenvbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openenvbench.results.FormatFixtures;
import dev.openenvbench.results.ResultFileException;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report reads every format version through the project's readers, and says what it skipped.
 */
class ResultFoldersTest {
  @TempDir Path tmp;

  private static ReportConfig config(Path out, Path... folders) {
    return new ReportConfig(
        List.of(folders), out, 0.95, OptionalDouble.empty(), true, Map.of(), Map.of());
  }

  @Test
  void each_versions_folder_loads_as_its_reader_reads_it() {
    for (String v : List.of("seed", "v1", "v2", "v3", "v4")) {
      Path folder = FormatFixtures.folder(v);
      List<String> notes = new ArrayList<>();
      InfraResults infra =
          ResultFolders.load(List.of(folder), Map.of(), Map.of(), notes::add).get(0);
      List<SummaryRecord> direct = SummaryCsvReader.read(folder.resolve("summary.csv")).rows();

      assertThat(infra.rows()).as(v).hasSameSizeAs(direct);
      assertThat(infra.rows())
          .extracting(SummaryRecord::successRate)
          .containsExactlyElementsOf(direct.stream().map(SummaryRecord::successRate).toList());
      assertThat(infra.raw())
          .get()
          .extracting(RawStats::successfulSessions)
          .as("v4 adds an open-loop cell of 5 sessions")
          .isEqualTo(
              switch (v) {
                case "seed" -> 3L;
                case "v4" -> 12L;
                default -> 7L;
              });
      assertThat(notes).isEmpty();
    }
  }

  @Test
  void a_capacity_json_it_cannot_read_is_refused_in_one_line_naming_it() throws IOException {
    Path folder = FormatFixtures.copy("v2", tmp);
    Path file = folder.resolve("capacity.json");
    Files.writeString(file, "{\"format_version\": 99, \"searches\": []}");
    assertThatThrownBy(() -> ReportService.run(config(tmp.resolve("out"), folder)))
        .isInstanceOf(ResultFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("format_version 99 is newer");
    Files.writeString(file, "{\"searches\": ");
    assertThatThrownBy(() -> ReportService.run(config(tmp.resolve("out"), folder)))
        .isInstanceOf(ResultFileException.class)
        .hasMessageContaining("not readable as JSON")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void a_torn_last_line_is_skipped_and_the_report_says_so() throws IOException {
    Path folder = FormatFixtures.copy("v2", tmp);
    Path raw = folder.resolve("raw.jsonl");
    Files.writeString(raw, Files.readString(raw) + "{\"request_id\":3,\"mode\":\"w");

    ReportService.Written w = ReportService.run(config(tmp.resolve("out"), folder));

    assertThat(w.analysis().inputNotes())
        .singleElement()
        .asString()
        .startsWith(raw + ": skipped a torn last line");
    assertThat(Files.readString(tmp.resolve("out/report.md")))
        .contains("## Notes on the input files")
        .contains(raw + ": skipped a torn last line");
    assertThat(Files.readString(tmp.resolve("out/report.html")))
        .contains("<h2>Notes on the input files</h2>");
  }

  @Test
  void configurations_that_differ_only_in_session_shape_stay_apart() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("shapes"));
    String header = "mode,num_requests,wait_seconds,repetition,successful,failed,steps,barrier\n";
    Files.writeString(
        folder.resolve("summary.csv"),
        header
            + "ws,8,1.0,1,8,0,1,false\n"
            + "ws,8,1.0,1,4,4,4,false\n"
            + "ws,8,1.0,1,8,0,4,true\n");

    Analysis a = Fixtures.analyse(config(tmp.resolve("out"), folder));

    assertThat(a.cells().get("shapes"))
        .extracting(Cell::session, Cell::repetitions, Cell::successMean)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1 step", 1, 1.0),
            org.assertj.core.groups.Tuple.tuple("4 steps", 1, 0.5),
            org.assertj.core.groups.Tuple.tuple("4 steps, barrier", 1, 1.0));
    assertThat(a.maxBatches())
        .extracting(MaxBatch::session, MaxBatch::display)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1 step", "≥ 8"),
            org.assertj.core.groups.Tuple.tuple("4 steps", "< 8"),
            org.assertj.core.groups.Tuple.tuple("4 steps, barrier", "≥ 8"));
  }

  @Test
  void a_cell_the_run_stopped_in_is_shown_as_such_and_decides_nothing() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("stopped"));
    String header =
        "mode,num_requests,wait_seconds,repetition,successful,failed,error_rate,incomplete,unfinished\n";
    Files.writeString(
        folder.resolve("summary.csv"),
        header + "ws,1,1.0,1,1,0,0.0,false,0\n" + "ws,2,1.0,1,0,0,,true,2\n");

    Analysis a = Fixtures.analyse(config(tmp.resolve("out"), folder));

    MaxBatch m = a.maxBatches().getFirst();
    assertThat(m.display()).as("not 'max batch 1, N=2 failed'").isEqualTo("≥ 1");
    assertThat(m.notes()).contains("N=2 not counted: the run stopped before it finished");
    Cell stopped = a.cells().get("stopped").get(1);
    assertThat(stopped.incomplete()).isTrue();
    assertThat(stopped.passes()).isFalse();
    assertThat(stopped.successMean()).as("no success rate claimed").isNaN();
    Table configurations =
        Tables.all(a).stream()
            .filter(t -> t.id().equals("configurations"))
            .findFirst()
            .orElseThrow();
    assertThat(configurations.cell(1, "success_mean")).isEqualTo("n/a");
    assertThat(configurations.cell(1, "stopped_reps")).isEqualTo("1");
  }
}
