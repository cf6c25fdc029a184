package dev.openenvbench.report;

import static dev.openenvbench.report.TableRows.row;
import static dev.openenvbench.report.TableRows.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.FormatFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An open-loop cell is not a batch: the format-4 fixture's cell of 10 arrivals/s (5 started, 4 of
 * them late) gets its own table and stays out of the batch tables, whose N it would otherwise join.
 */
class OpenLoopReportTest {
  @TempDir Path out;

  private static ReportConfig config(Path out, String version) {
    return new ReportConfig(
        List.of(FormatFixtures.folder(version)),
        out,
        0.95,
        OptionalDouble.empty(),
        true,
        Map.of(),
        Map.of());
  }

  @Test
  void open_loop_cells_get_their_own_table_and_never_enter_the_batch_tables() {
    List<Table> tables = ReportService.run(config(out, "v4")).tables();

    Table open = table(tables, "open-loop");
    assertThat(open.rows()).hasSize(1);
    assertThat(row(open, "infra", "v4"))
        .containsEntry("mode", "ws")
        .containsEntry("arrival_rate", "10")
        .containsEntry("process", "constant")
        .containsEntry("scheduled", "5")
        .containsEntry("started", "5")
        .containsEntry("late", "4")
        .containsEntry("dropped", "0");
    double corrected = Double.parseDouble(row(open, "infra", "v4").get("total_p99_s"));
    double uncorrected =
        Double.parseDouble(row(open, "infra", "v4").get("total_uncorrected_p99_s"));
    assertThat(corrected).isGreaterThan(uncorrected);
    // The batch cells alone: the same three configurations as every format's fixture.
    assertThat(table(tables, "configurations").rows()).hasSize(3);
    assertThat(table(tables, "max-batch").rows())
        .allSatisfy(r -> assertThat(r).doesNotContain("5"));
  }

  @Test
  void each_cells_time_series_is_drawn_as_a_panel_of_its_own() {
    List<Figure> figures = ReportService.run(config(out, "v4")).figures();

    Figure.Lines sessions =
        (Figure.Lines)
            figures.stream().filter(f -> f.id().equals("timeline-sessions")).findFirst().get();
    assertThat(sessions.panels())
        .extracting(Figure.LinePanel::title)
        .containsExactly(
            "v4: http N=3 w=0.1 s rep 1",
            "v4: ws N=3 w=0.1 s rep 1",
            "v4: ws N=2 w=0.2 s rep 1",
            "v4: ws 10/s w=0.1 s rep 1");
    Figure.Series started = sessions.panels().getLast().series().getFirst();
    assertThat(started.name()).isEqualTo("started");
    assertThat(started.y()).containsExactly(5.0);
    assertThat(figures).extracting(Figure::id).contains("timeline-steps");
    assertThat(out.resolve("timeline-sessions.png")).isNotEmptyFile();
  }

  @Test
  void a_folder_of_open_loop_cells_only_has_no_bar_in_the_max_batch_figure() throws Exception {
    // The fixture's open-loop cell alone: its summary.csv without the three batch rows.
    Path open = FormatFixtures.copy("v4", out.resolve("open"));
    List<String> lines = java.nio.file.Files.readAllLines(open.resolve("summary.csv"));
    java.nio.file.Files.write(
        open.resolve("summary.csv"), List.of(lines.getFirst(), lines.getLast()));
    ReportConfig both =
        new ReportConfig(
            List.of(FormatFixtures.folder("v4"), open),
            out.resolve("report"),
            0.95,
            OptionalDouble.empty(),
            true,
            Map.of(open.toString(), "open"),
            Map.of());

    Figure.Bars maxBatch =
        (Figure.Bars)
            ReportService.run(both).figures().stream()
                .filter(f -> f.id().equals("max-batch"))
                .findFirst()
                .orElseThrow();

    assertThat(maxBatch.panels())
        .as("a bar of 0 would say the open-loop folder held no session")
        .allSatisfy(p -> assertThat(p.categories()).containsExactly("v4"));
  }

  @Test
  void cells_of_one_rate_with_other_windows_are_not_repetitions_of_one_another() throws Exception {
    Path folder = FormatFixtures.copy("v4", out.resolve("in"));
    List<String> lines = java.nio.file.Files.readAllLines(folder.resolve("summary.csv"));
    List<String> header = List.of(lines.getFirst().split(",", -1));
    String[] other = lines.getLast().split(",", -1);
    other[header.indexOf("arrival_seconds")] = "2.000000";
    other[header.indexOf("repetition")] = "2";
    java.nio.file.Files.writeString(
        folder.resolve("summary.csv"),
        String.join(",", other) + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    ReportConfig config =
        new ReportConfig(
            List.of(folder),
            out.resolve("report"),
            0.95,
            OptionalDouble.empty(),
            true,
            Map.of(),
            Map.of());

    Table open = table(ReportService.run(config).tables(), "open-loop");

    assertThat(open.rows()).as("0.5 s and 2 s windows, one row each").hasSize(2);
  }

  @Test
  void a_folder_without_open_loop_cells_has_no_such_table() {
    List<Table> tables = ReportService.run(config(out, "v3")).tables();
    assertThat(tables).extracting(Table::id).doesNotContain("open-loop");
    assertThat(out.resolve("timeline-sessions.png")).as("no timeseries.csv").doesNotExist();
  }
}
