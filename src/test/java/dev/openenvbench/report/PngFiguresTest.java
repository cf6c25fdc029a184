package dev.openenvbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every figure is written as a PNG of the size its panel grid implies, and has content. */
class PngFiguresTest {
  @TempDir static Path out;
  static ReportService.Written written;

  @BeforeAll
  static void render() throws IOException {
    written = ReportService.run(Fixtures.config(out, Fixtures.ALL.toArray(String[]::new)));
  }

  @Test
  void everyFigureIsWrittenWithTheExpectedSize() throws IOException {
    // Panels: one per wait (2), per mode × wait (4), per infra × wait with data (8: local,
    // docker, edges 2 waits each; slurm-multi, seed 1 each), per mode (2), hosts + processes (2).
    // Two columns, 1600 px wide in all; one row of panels is 900 px high (the seed's figures
    // are 1500 × 900), more rows 500 px each.
    Map<String, int[]> expected =
        Map.of(
            "success-vs-n", new int[] {1600, 900},
            "max-batch", new int[] {1600, 900},
            "batch-per-core", new int[] {1600, 900},
            "p99-heatmap", new int[] {1600, 1000},
            "latency-vs-n", new int[] {1600, 2000},
            "step-overhead", new int[] {1600, 900},
            "fairness", new int[] {1600, 900});
    assertThat(written.figures().stream().map(Figure::id).collect(Collectors.toSet()))
        .isEqualTo(expected.keySet());
    for (var e : expected.entrySet()) {
      BufferedImage img = ImageIO.read(out.resolve(e.getKey() + ".png").toFile());
      assertThat(img).as(e.getKey()).isNotNull();
      assertThat(new int[] {img.getWidth(), img.getHeight()})
          .as(e.getKey())
          .isEqualTo(e.getValue());
      assertThat(colours(img)).as(e.getKey() + " is drawn, not blank").isGreaterThan(20);
    }
  }

  @Test
  void log2AxisLabelsEveryWholeN() {
    assertThat(PngRenderer.testedNLabel(Math.log(100) / Math.log(2))).isEqualTo("100");
    assertThat(PngRenderer.testedNLabel(0.0)).isEqualTo("1");
    assertThat(PngRenderer.testedNLabel(2.5)).isEmpty();
  }

  @Test
  void figuresWithoutTheirDataAreLeftOut() throws IOException {
    // edges has no raw.jsonl and no --cores: no step-overhead, fairness or per-core figure.
    ReportService.Written w =
        ReportService.run(
            new ReportConfig(
                Fixtures.folders(List.of("edges")),
                out.resolve("edges-only"),
                0.95,
                java.util.OptionalDouble.empty(),
                true,
                Map.of(),
                Map.of()));
    assertThat(w.figures())
        .extracting(Figure::id)
        .containsExactly("success-vs-n", "max-batch", "p99-heatmap", "latency-vs-n");
    assertThat(Files.list(out.resolve("edges-only")).map(p -> p.getFileName().toString()))
        .contains("report.md", "report.html", "max-batch.csv", "success-vs-n.png")
        .doesNotContain("fairness.png", "batch-per-core.png");
  }

  @Test
  void aSummaryWithCountsOnlyStillGivesSuccessAndMaxBatchFigures() throws IOException {
    Path folder = Files.createDirectories(out.resolve("counts-only"));
    Files.writeString(
        folder.resolve("summary.csv"),
        "mode,num_requests,wait_seconds,successful,failed\n"
            + "ws,1,1.0,1,0\nws,2,1.0,2,0\nws,4,1.0,3,1\n");
    ReportService.Written w =
        ReportService.run(
            new ReportConfig(
                List.of(folder),
                out.resolve("counts-only-report"),
                0.95,
                java.util.OptionalDouble.empty(),
                true,
                Map.of(),
                Map.of()));
    assertThat(w.figures()).extracting(Figure::id).containsExactly("success-vs-n", "max-batch");
    assertThat(TableRows.row(TableRows.table(w.tables(), "max-batch"), "mode", "ws"))
        .containsEntry("max_batch", "2")
        .containsEntry("total_p99_at_max_s", "n/a");
  }

  @Test
  void writtenCsvFilesAreTheTables() throws IOException {
    for (Table t : written.tables()) {
      assertThat(Files.readString(out.resolve(t.id() + ".csv"))).isEqualTo(t.csv());
    }
    assertThat(Files.readString(out.resolve("report.md")))
        .contains("## Definitions", "![Success rate vs concurrent sessions N](success-vs-n.png)");
  }

  private static int colours(BufferedImage img) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        seen.add(img.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
