package dev.openenvbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one summary.csv reader: by column name, tolerant of other tools' files, strict on bad rows.
 */
class SummaryCsvReaderTest {
  @TempDir Path dir;

  @Test
  void reads_columns_by_name_in_any_order_ignoring_unknown_ones() throws IOException {
    SummaryRecord row =
        read("future_column,total_p99,wait_seconds,successful,failed,mode,num_requests\n"
                + "x,1.5,1.0,9,1,WS,10\n")
            .getFirst();
    assertThat(row.mode()).isEqualTo("ws");
    assertThat(row.numRequests()).isEqualTo(10);
    assertThat(row.successRate()).isEqualTo(0.9);
    assertThat(row.number(SummaryColumns.stat(Phase.TOTAL, Stat.P99))).isEqualTo(1.5);
    assertThat(row.get(SummaryColumns.REPETITION)).as("no repetition column: one run").isEqualTo(1);
    assertThat(row.number(SummaryColumns.stat(Phase.STEP_OVERHEAD, Stat.P99)))
        .as("an absent column is unknown, not 0")
        .isNaN();
    assertThat(row.flag(SummaryColumns.HARNESS_SATURATED)).isFalse();
  }

  @Test
  void sessions_that_never_finished_count_as_failed() throws IOException {
    // 36 succeeded, 0 failed, the rest never finished, out of N = 40: 0.9, not 1.0.
    SummaryRecord row =
        read("mode,num_requests,wait_seconds,successful,failed,incomplete\nws,40,1.0,36,0,true\n")
            .getFirst();
    assertThat(row.successRate()).isEqualTo(0.9);
  }

  @Test
  void error_rate_is_the_fallback_as_a_fraction_or_a_percentage() throws IOException {
    assertThat(
            read("mode,num_requests,wait_seconds,error_rate\nws,8,1,0.25\n")
                .getFirst()
                .successRate())
        .isEqualTo(0.75);
    assertThat(
            read("mode,num_requests,wait_seconds,error_rate\nws,8,1,25.0\n")
                .getFirst()
                .successRate())
        .isEqualTo(0.75);
  }

  @Test
  void quoted_cells_keep_their_commas_and_quotes() {
    assertThat(Csv.cells("a,\"b,c\",\"say \"\"hi\"\"\","))
        .containsExactly("a", "b,c", "say \"hi\"", "");
    assertThat(Csv.cells(Csv.line(List.of("a,b", "two\nlines")).strip()))
        .as("a line break inside a cell is written as a space: one record per line")
        .containsExactly("a,b", "two lines");
  }

  @Test
  void a_repeated_header_from_concatenated_files_is_skipped() throws IOException {
    String header = "mode,num_requests,wait_seconds,successful,failed\n";
    assertThat(read(header + "ws,1,1.0,1,0\n" + header + "http,1,1.0,0,1\n"))
        .extracting(SummaryRecord::mode)
        .containsExactly("ws", "http");
  }

  /** Each bad row names its file and line and what is wrong. */
  @Test
  void a_bad_row_is_an_error_naming_the_file_and_line() throws IOException {
    String header = "mode,num_requests,wait_seconds,successful\n";
    assertError(header + ",4,1.0,4\n", ":2: no mode");
    assertError(header + "ws,4,1.0,4\nws,4,x,4\n", ":3: column wait_seconds: not a number: x");
    assertError(header + "ws,4,1.0\nws,4,1.0,4\n", ":2: 3 cells, but the header has 4 columns");
    assertError(header + "ws,4.5,1.0,4\n", ":2: column num_requests: expected an integer, got 4.5");
    assertError(
        "mode,num_requests,wait_seconds\nws,4,1\n", ":2: neither successful nor error_rate");
    int newer = FormatVersion.CURRENT + 1;
    assertError(
        header.strip() + ",format_version\nws,4,1.0,4," + newer + "\n",
        ":2: format_version " + newer + " was written by a newer openenv-bench");
  }

  @Test
  void binary_junk_is_an_error_not_a_crash() throws IOException {
    Path junk = dir.resolve("summary.csv");
    Files.write(junk, new byte[] {'m', 'o', 'd', 'e', '\n', (byte) 0xff, (byte) 0xfe, 0, 1});
    assertThatThrownBy(() -> SummaryCsvReader.read(junk))
        .isInstanceOf(ResultFileException.class)
        .hasMessageContaining("not UTF-8 text");
  }

  private void assertError(String text, String message) throws IOException {
    Path csv = Files.writeString(dir.resolve("summary.csv"), text);
    assertThatThrownBy(() -> SummaryCsvReader.read(csv))
        .isInstanceOf(ResultFileException.class)
        .hasMessageStartingWith(csv + message);
  }

  private List<SummaryRecord> read(String text) throws IOException {
    return SummaryCsvReader.read(Files.writeString(dir.resolve("summary.csv"), text)).rows();
  }
}
