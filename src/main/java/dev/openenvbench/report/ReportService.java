package dev.openenvbench.report;

import dev.openenvbench.results.OutputWriteException;
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

  /**
   * @throws OutputWriteException a report file cannot be written (the output folder is not
   *     writable, the disk is full)
   */
  public static Written run(ReportConfig config) {
    System.setProperty("java.awt.headless", "true");
    List<String> notes = new ArrayList<>();
    List<InfraResults> infras =
        ResultFolders.load(config.folders(), config.labels(), config.cores(), notes::add);
    Analysis analysis = Analysis.of(infras, config, notes);
    List<Table> tables = Tables.all(analysis);
    List<Figure> figures = Figures.all(analysis);
    Path out = config.output();
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new OutputWriteException(out, e);
    }
    List<Path> files = new ArrayList<>();
    files.add(write(out.resolve("report.md"), MarkdownReport.render(analysis, tables, figures)));
    files.add(write(out.resolve("verdict.csv"), Verdicts.table(analysis).csv()));
    for (Table t : tables) {
      files.add(write(out.resolve(t.id() + ".csv"), t.csv()));
    }
    for (Figure f : figures) {
      Path png = out.resolve(f.id() + ".png");
      try {
        PngRenderer.write(f, png);
      } catch (IOException e) {
        throw new OutputWriteException(png, e);
      }
      files.add(png);
    }
    files.add(write(out.resolve("report.html"), HtmlReport.render(analysis, tables, figures)));
    return new Written(analysis, tables, figures, files);
  }

  private static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OutputWriteException(file, e);
    }
  }
}
