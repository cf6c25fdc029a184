package dev.openenvbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.FormatFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline figures: drawn as per-second steps, and for cells that ended before any step was
 * answered (a run stopped early).
 */
class TimelineFiguresTest {
  @TempDir Path tmp;

  @Test
  void a_cell_without_steps_has_its_sessions_panel_and_no_latency_panel() throws Exception {
    Path folder = FormatFixtures.copy("v4", tmp.resolve("in"));
    // A cell stopped in its first second: two sessions started, none answered a step.
    Files.writeString(
        folder.resolve("timeseries.csv"),
        "r,r-c9,ws,0,2026-12-02T14:00:00Z,2,2,2,unfinished=2,0,0,,,,,4\n",
        StandardOpenOption.APPEND);

    ReportService.Written w =
        ReportService.run(
            new ReportConfig(
                List.of(folder),
                tmp.resolve("out"),
                0.95,
                OptionalDouble.empty(),
                true,
                Map.of(),
                Map.of()));

    Figure.Lines sessions = lines(w.figures(), "timeline-sessions");
    Figure.Lines steps = lines(w.figures(), "timeline-steps");
    assertThat(sessions.panels()).hasSize(5);
    assertThat(sessions.panels().getLast().title())
        .as("no summary row: its id")
        .isEqualTo("v4: r-c9");
    assertThat(steps.panels()).hasSize(4);
    assertThat(tmp.resolve("out/timeline-steps.png")).isNotEmptyFile();
  }

  @Test
  void sessions_per_second_are_steps_that_hold_for_their_second_each_dashed_its_own_way() {
    double[] seconds = {0, 1};
    Figure.LinePanel panel =
        new Figure.LinePanel(
            "a 1 s cell",
            List.of(
                new Figure.Series("started", seconds, new double[] {30, 0}),
                new Figure.Series("in flight", seconds, new double[] {30, 0})),
            Double.NaN);
    Figure.Lines fig =
        new Figure.Lines(
            "timeline-sessions", "t", "second", "sessions", false, List.of(panel), true);

    org.knowm.xchart.XYChart chart = PngRenderer.lines(fig, panel);

    var started = chart.getSeries("started");
    var inFlight = chart.getSeries("in flight");
    assertThat(started.getXYSeriesRenderStyle())
        .contains(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Step);
    assertThat(started.getXData())
        .as("the last second's count holds until that second ends")
        .containsExactly(0.0, 1.0, 2.0);
    assertThat(started.getYData()).containsExactly(30.0, 0.0, 0.0);
    assertThat(started.getLineStyle())
        .as("equal counts must not hide each other")
        .isNotEqualTo(inFlight.getLineStyle());
    assertThat(FigureJson.of(fig)).containsEntry("perSecond", true);
  }

  private static Figure.Lines lines(List<Figure> figures, String id) {
    return (Figure.Lines) figures.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
  }
}
