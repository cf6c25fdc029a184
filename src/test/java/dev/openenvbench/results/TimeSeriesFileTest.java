package dev.openenvbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** timeseries.csv: whole lines, read back by name, valid after a write cut short. */
class TimeSeriesFileTest {
  @TempDir Path dir;

  static TimeSeriesRecord second(int s, int started, String failures) {
    return TimeSeriesRecord.builder()
        .set(TimeSeriesColumns.RUN_ID, "r")
        .set(TimeSeriesColumns.CELL_ID, "r-c1")
        .set(TimeSeriesColumns.MODE, "ws")
        .set(TimeSeriesColumns.SECOND, s)
        .set(TimeSeriesColumns.TIMESTAMP, "2026-12-02T14:00:0" + s + "Z")
        .set(TimeSeriesColumns.STARTED, started)
        .set(TimeSeriesColumns.FINISHED, 1)
        .set(TimeSeriesColumns.FAILED, failures.isEmpty() ? 0 : 1)
        .set(TimeSeriesColumns.FAILURES, failures.isEmpty() ? null : failures)
        .set(TimeSeriesColumns.IN_FLIGHT, 3)
        .set(TimeSeriesColumns.STEPS, 2)
        .set(TimeSeriesColumns.STEP_P50, 1.001)
        .set(TimeSeriesColumns.STEP_P99, 1.25)
        .set(TimeSeriesColumns.FORMAT_VERSION, FormatVersion.CURRENT)
        .build();
  }

  @Test
  void rows_read_back_as_written_under_one_header() throws Exception {
    TimeSeriesFile f = new TimeSeriesFile(dir.resolve(TimeSeriesFile.NAME));
    f.append(second(0, 5, ""));
    f.append(second(1, 0, "read_timeout=1"));

    List<String> lines = Files.readAllLines(dir.resolve(TimeSeriesFile.NAME));
    assertThat(lines).hasSize(3);
    assertThat(lines.getFirst()).startsWith("run_id,cell_id,mode,second,timestamp,started,");
    TimeSeriesFile.Read read = TimeSeriesFile.read(dir.resolve(TimeSeriesFile.NAME));
    assertThat(read.rows()).hasSize(2);
    TimeSeriesRecord one = read.rows().get(1);
    assertThat(one.get(TimeSeriesColumns.SECOND)).isEqualTo(1);
    assertThat(one.get(TimeSeriesColumns.FAILURES)).isEqualTo("read_timeout=1");
    assertThat(one.get(TimeSeriesColumns.STEP_P99)).isEqualTo(1.25);
    assertThat(one.get(TimeSeriesColumns.STEP_P90)).as("not measured: empty").isNull();
  }

  @Test
  void a_torn_last_line_is_skipped_by_the_reader_and_cut_before_appending() throws Exception {
    Path file = dir.resolve(TimeSeriesFile.NAME);
    TimeSeriesFile f = new TimeSeriesFile(file);
    f.append(second(0, 5, ""));
    String whole = Files.readString(file);
    String line = whole.substring(whole.indexOf('\n') + 1);
    // A kill between two lines' writes leaves at most a part of the last one.
    // (Cut after its last comma: the line lacks its format_version. Without only its newline it is
    // whole, and kept.)
    for (int cut : List.of(10, line.length() - 2)) {
      Files.writeString(file, whole + line.substring(0, cut));
      TimeSeriesFile.Read read = TimeSeriesFile.read(file);
      assertThat(read.rows()).as("cut at " + cut).hasSize(1);
      assertThat(read.file().tornLinesSkipped()).isEqualTo(1);
    }
    List<String> notices = new ArrayList<>();
    ResultFolder.prepare(dir, notices::add);
    assertThat(notices).singleElement().asString().contains("cut a torn last line");
    assertThat(Files.readString(file)).isEqualTo(whole);
  }

  @Test
  void a_file_of_another_layout_is_refused_before_a_run_appends_to_it() throws Exception {
    Files.writeString(dir.resolve(TimeSeriesFile.NAME), "time,value\n1,2\n");
    assertThatThrownBy(() -> ResultFolder.prepare(dir, n -> {}))
        .isInstanceOf(ResultFileException.class)
        .hasMessageContaining("timeseries.csv: has a header openenv-bench did not write");
  }
}
