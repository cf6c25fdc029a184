package dev.openenvbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a report: reads the result folders, writes report.md, one CSV per table, one PNG per figure
 * and report.html into the output folder. Reads files only; never talks to a server.
 */
public final class ReportService {
  private ReportService() {}

  /** What was written, in order. */
  public record Written(
      Analysis analysis, List<Table> tables, List<Figure> figures, List<Path> files) {}

  public static Written run(ReportConfig config) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<InfraResults> infras =
        ResultFolders.load(config.folders(), config.labels(), config.cores());
    Analysis analysis = Analysis.of(infras, config);
    List<Table> tables = Tables.all(analysis);
    List<Figure> figures = Figures.all(analysis);
    Path out = config.output();
    Files.createDirectories(out);
    List<Path> files = new ArrayList<>();
    files.add(write(out.resolve("report.md"), MarkdownReport.render(analysis, tables, figures)));
    for (Table t : tables) {
      files.add(write(out.resolve(t.id() + ".csv"), t.csv()));
    }
    for (Figure f : figures) {
      Path png = out.resolve(f.id() + ".png");
      PngRenderer.write(f, png);
      files.add(png);
    }
    files.add(write(out.resolve("report.html"), HtmlReport.render(analysis, tables, figures)));
    return new Written(analysis, tables, figures, files);
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
