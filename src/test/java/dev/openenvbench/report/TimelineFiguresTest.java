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

/** The timeline figures of cells that ended before any step was answered (a run stopped early). */
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

  private static Figure.Lines lines(List<Figure> figures, String id) {
    return (Figure.Lines) figures.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
  }
}
