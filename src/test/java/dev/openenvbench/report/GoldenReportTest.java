package dev.openenvbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.md for all fixtures, compared with a golden copy. Rewrite the golden file only on purpose:
 * {@code bin/mvn test -Dtest=GoldenReportTest -Dreport.golden.update=true}, then review the diff.
 */
class GoldenReportTest {
  static final Path GOLDEN = Path.of("src/test/resources/report-golden/report.md");

  @TempDir Path out;

  @Test
  void reportMarkdownMatchesTheGoldenFile() throws IOException {
    ReportService.run(Fixtures.config(out, Fixtures.ALL.toArray(String[]::new)));
    String actual = Files.readString(out.resolve("report.md"));
    if (Boolean.getBoolean("report.golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(GOLDEN));
  }
}
