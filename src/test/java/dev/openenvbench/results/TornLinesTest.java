package dev.openenvbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A write cut short (a crash, {@code kill -9}, a full disk) leaves a torn last line. The rule, the
 * same for every file and every reader: readers skip it and say so; run's append cuts it off and
 * says so before writing, so no row is ever fused into it; a bad line anywhere else is an error
 * with its file and line.
 */
class TornLinesTest {
  @TempDir Path tmp;

  /** A folder of that format version whose three files each end in half a line. */
  private Path tornFolder(String version) throws IOException {
    Path dir = FormatFixtures.copy(version, tmp);
    for (String f : List.of("raw.jsonl", "summary.csv", "histograms.hlog")) {
      String text = Files.readString(dir.resolve(f));
      String lastLine = text.substring(text.lastIndexOf('\n', text.length() - 2) + 1);
      Files.writeString(dir.resolve(f), text + lastLine.substring(0, lastLine.length() / 2));
    }
    return dir;
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v3", "v4"})
  void every_reader_skips_a_torn_last_line_and_counts_it(String version) throws IOException {
    Path dir = tornFolder(version);

    List<SessionRecord> sessions = new ArrayList<>();
    FileRead raw = RawJsonlReader.forEach(dir.resolve("raw.jsonl"), sessions::add);
    SummaryCsvReader.Read summary = SummaryCsvReader.read(dir.resolve("summary.csv"));
    HistogramLogFile.Read hlog = HistogramLogFile.read(dir.resolve("histograms.hlog"));

    assertThat(sessions).hasSize(FormatFixturesTest.raw(version).size());
    assertThat(raw.tornLinesSkipped()).isEqualTo(1);
    assertThat(raw.notice()).get().asString().contains("raw.jsonl: skipped a torn last line");
    assertThat(summary.rows()).hasSize(FormatFixturesTest.summary(version).size());
    assertThat(summary.file().tornLinesSkipped()).isEqualTo(1);
    assertThat(hlog.entries()).hasSize(entries(version));
    assertThat(hlog.file().tornLinesSkipped()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v3", "v4"})
  void appending_cuts_the_torn_lines_first_and_reports_each(String version) throws IOException {
    Path dir = tornFolder(version);
    List<String> notices = new ArrayList<>();

    ResultFolder folder = ResultFolder.prepare(dir, notices::add);
    try (RawJsonlWriter w = folder.rawWriter()) {
      w.write(FileFormatTest.success(42));
    }

    // An older format's folder is also upgraded to the current header: one more notice.
    assertThat(notices.stream().filter(n -> n.contains("cut a torn last line"))).hasSize(3);
    assertThat(notices).hasSize(older(version) ? 4 : 3);
    List<SessionRecord> sessions = new ArrayList<>();
    FileRead raw = RawJsonlReader.forEach(dir.resolve("raw.jsonl"), sessions::add);
    assertThat(raw.tornLinesSkipped()).isZero();
    assertThat(sessions).hasSize(FormatFixturesTest.raw(version).size() + 1);
    assertThat(sessions.getLast().get(RawFields.REQUEST_ID)).as("not fused: whole").isEqualTo(42);
    assertThat(SummaryCsvReader.read(dir.resolve("summary.csv")).file().tornLinesSkipped())
        .isZero();
    assertThat(HistogramLogFile.read(dir.resolve("histograms.hlog")).entries())
        .hasSize(entries(version));
  }

  /** The histograms of the untorn fixture. */
  private static int entries(String version) {
    return HistogramLogFile.read(FormatFixtures.folder(version).resolve("histograms.hlog"))
        .entries()
        .size();
  }

  private static boolean older(String version) {
    return Integer.parseInt(version.substring(1)) < FormatVersion.CURRENT;
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v3", "v4"})
  void a_complete_last_line_that_lacks_only_its_newline_is_kept(String version) throws IOException {
    Path dir = FormatFixtures.copy(version, tmp);
    Path raw = dir.resolve("raw.jsonl");
    String text = Files.readString(raw);
    Files.writeString(raw, text.substring(0, text.length() - 1));
    List<String> notices = new ArrayList<>();

    ResultFolder.prepare(dir, notices::add);

    assertThat(Files.readString(raw)).isEqualTo(text);
    // Nothing was cut; an older format's summary.csv is only upgraded to the current header.
    assertThat(notices).noneMatch(n -> n.contains("cut"));
    assertThat(notices).hasSize(older(version) ? 1 : 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v3", "v4"})
  void a_bad_line_that_is_not_the_last_is_an_error_naming_it(String version) throws IOException {
    Path dir = FormatFixtures.copy(version, tmp);
    Path raw = dir.resolve("raw.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(raw));
    lines.set(2, lines.get(2).substring(0, 40));
    Files.write(raw, lines);

    assertThatThrownBy(() -> RawJsonlReader.forEach(raw, r -> {}))
        .isInstanceOf(ResultFileException.class)
        .hasMessageStartingWith(raw + ":3: not JSON");
  }

  @Test
  void a_row_with_a_value_of_the_wrong_type_is_an_error_naming_the_field() throws IOException {
    Path raw = tmp.resolve("raw.jsonl");
    Files.writeString(
        raw,
        "{\"mode\":\"ws\",\"success\":true,\"connect_latency\":\"fast\"}\n{\"mode\":\"ws\"}\n");

    assertThatThrownBy(() -> RawJsonlReader.forEach(raw, r -> {}))
        .isInstanceOf(ResultFileException.class)
        .hasMessage(raw + ":1: connect_latency: expected a number, got \"fast\"");
    Files.writeString(raw, "{\"mode\":\"ws\",\"success\":true}\n{\"mode\":\"ws\"}\n");
    assertThatThrownBy(() -> RawJsonlReader.forEach(raw, r -> {}))
        .hasMessage(raw + ":2: no success");
  }
}
