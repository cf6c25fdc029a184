package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.Field;
import dev.openenvbench.results.FormatFixtures;
import dev.openenvbench.results.FormatVersion;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.SessionRecord;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryRecord;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users hold folders the released format-2 build wrote: this build's {@code run -o} into one
 * upgrades its summary.csv to the current format in place and appends after it, losing nothing the
 * folder held (the fixture src/test/resources/formats/v2/ is what the released build wrote).
 */
class ReleasedFormat2FolderTest {
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void a_run_into_a_released_format_2_folder_upgrades_it_and_keeps_every_row(@TempDir Path tmp)
      throws Exception {
    Path dir = FormatFixtures.copy("v2", tmp);
    List<SummaryRecord> before = SummaryCsvReader.read(dir.resolve("summary.csv")).rows();
    String rawBefore = Files.readString(dir.resolve("raw.jsonl"));
    String histogramsBefore = Files.readString(dir.resolve("histograms.hlog"));

    try (BenchServer server = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      Cli.Result run =
          Cli.run(
              "run",
              "--url",
              server.url(),
              "-m",
              "ws",
              "-n",
              "2",
              "-w",
              "0.05",
              "--warmup",
              "0",
              "--no-progress",
              "-o",
              dir.toString());
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out() + run.err())
          .contains("upgraded 3 row(s) from format 2 to format " + FormatVersion.CURRENT);
    }

    List<SummaryRecord> after = SummaryCsvReader.read(dir.resolve("summary.csv")).rows();
    assertThat(after).hasSize(before.size() + 1);
    for (int i = 0; i < before.size(); i++) {
      for (Field<?> f : SummaryColumns.ALL) {
        assertThat(after.get(i).get(f))
            .as("row %d %s", i, f.name())
            .isEqualTo(before.get(i).get(f));
      }
    }
    assertThat(after)
        .extracting(r -> r.get(SummaryColumns.FORMAT_VERSION))
        .containsExactly(2, 2, 2, FormatVersion.CURRENT);
    assertThat(after.subList(0, 3))
        .allSatisfy(r -> assertThat(r.get(SummaryColumns.SERVER_METRICS)).isNull());
    assertThat(after.getLast().get(SummaryColumns.SERVER_METRICS)).isEqualTo("complete");

    String raw = Files.readString(dir.resolve("raw.jsonl"));
    assertThat(raw).startsWith(rawBefore);
    List<SessionRecord> sessions = new ArrayList<>();
    RawJsonlReader.forEach(dir.resolve("raw.jsonl"), sessions::add);
    assertThat(sessions)
        .extracting(r -> r.get(RawFields.FORMAT_VERSION))
        .containsExactly(2, 2, 2, 2, 2, 2, 2, 2, FormatVersion.CURRENT, FormatVersion.CURRENT);
    assertThat(Files.readString(dir.resolve("histograms.hlog"))).startsWith(histogramsBefore);
  }
}
