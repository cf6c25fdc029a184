package dev.openenvbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryRowsTest {
  @TempDir Path dir;

  @Test
  void readsColumnsByNameInAnyOrderIgnoringUnknownOnes() throws IOException {
    Path csv =
        write(
            "future_column,total_p99,wait_seconds,successful,failed,mode,num_requests\n"
                + "x,1.5,1.0,9,1,WS,10\n");
    SummaryRow row = SummaryRows.read(csv).getFirst();
    assertThat(row.mode()).isEqualTo("ws");
    assertThat(row.numRequests()).isEqualTo(10);
    assertThat(row.successRate()).isEqualTo(0.9);
    assertThat(row.totalP99Seconds()).isEqualTo(1.5);
    assertThat(row.repetition()).as("no repetition column means one run").isEqualTo(1);
    assertThat(row.stepOverheadP99Seconds()).as("absent column is unknown, not 0").isNaN();
    assertThat(row.harnessSaturated()).isFalse();
  }

  @Test
  void seedFixtureHasOnlySeedColumnsAndStillReads() throws IOException {
    List<SummaryRow> rows = SummaryRows.read(Fixtures.folder("seed-python").resolve("summary.csv"));
    assertThat(rows).hasSize(16);
    assertThat(rows).allSatisfy(r -> assertThat(r.stepOverheadP99Seconds()).isNaN());
    assertThat(Files.readString(Fixtures.folder("seed-python").resolve("summary.csv")))
        .doesNotContain("step_overhead")
        .doesNotContain("harness_saturated");
  }

  @Test
  void sessionsThatNeverFinishedCountAsFailed() {
    // 36 succeeded, 0 failed, 4 incomplete out of N = 40: 0.9, not 1.0.
    assertThat(
            SummaryRows.successRate(
                Map.of("successful", "36", "failed", "0", "incomplete", "4"), 40))
        .isEqualTo(0.9);
  }

  @Test
  void errorRateIsTheFallbackAsFractionOrPercentage() {
    assertThat(SummaryRows.successRate(Map.of("error_rate", "0.25"), 8)).isEqualTo(0.75);
    assertThat(SummaryRows.successRate(Map.of("error_rate", "25.0"), 8)).isEqualTo(0.75);
  }

  @Test
  void quotedFieldsKeepTheirCommasAndQuotes() {
    assertThat(dev.openenvbench.results.SummaryCsvReader.cells("a,\"b,c\",\"say \"\"hi\"\"\","))
        .containsExactly("a", "b,c", "say \"hi\"", "");
  }

  @Test
  void aRepeatedHeaderFromConcatenatedFilesIsSkipped() throws IOException {
    String header = "mode,num_requests,wait_seconds,successful,failed\n";
    Path csv = write(header + "ws,1,1.0,1,0\n" + header + "http,1,1.0,0,1\n");
    assertThat(SummaryRows.read(csv)).extracting(SummaryRow::mode).containsExactly("ws", "http");
  }

  @Test
  void aRowWithoutModeIsAnErrorNamingTheRecord() throws IOException {
    Path csv = write("mode,num_requests,wait_seconds,successful\n,4,1.0,4\n");
    assertThatThrownBy(() -> SummaryRows.read(csv))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("record 2: no mode");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("summary.csv"), text);
  }
}
