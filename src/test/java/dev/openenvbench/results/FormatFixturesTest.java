package dev.openenvbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each format version's real files (src/test/resources/formats/) through each reader and through
 * the appending rule. The v1 and v2 folders hold the same two runs (an http and a ws cell of three
 * sessions against a server with two slots, then a two-step barrier cell), written by the version
 * before format versions and by this one.
 */
class FormatFixturesTest {
  @TempDir Path tmp;

  static List<SessionRecord> raw(String version) {
    List<SessionRecord> rows = new ArrayList<>();
    FileRead read =
        RawJsonlReader.forEach(FormatFixtures.folder(version).resolve("raw.jsonl"), rows::add);
    assertThat(read.tornLinesSkipped()).isZero();
    assertThat(read.rows()).isEqualTo(rows.size());
    return rows;
  }

  static List<SummaryRecord> summary(String version) {
    return SummaryCsvReader.read(FormatFixtures.folder(version).resolve("summary.csv")).rows();
  }

  /** The rows of the batch cells every version's fixture has (format 4 adds an open-loop one). */
  static List<SessionRecord> batchRaw(String version) {
    return raw(version).stream().filter(r -> r.get(RawFields.ARRIVAL_RATE) == null).toList();
  }

  static List<SummaryRecord> batchSummary(String version) {
    return summary(version).stream()
        .filter(r -> r.get(SummaryColumns.ARRIVAL_RATE) == null)
        .toList();
  }

  @Test
  void the_seeds_files_read_as_version_0_with_the_seeds_meaning() {
    List<SessionRecord> raw = raw("seed");
    assertThat(raw).hasSize(4);
    assertThat(raw).allSatisfy(r -> assertThat(r.get(RawFields.FORMAT_VERSION)).isZero());
    SessionRecord refused = raw.get(3);
    assertThat(refused.success()).isFalse();
    assertThat(refused.get(RawFields.ERROR_TYPE)).isEqualTo("RuntimeError");
    assertThat(refused.get(RawFields.CONNECT_LATENCY)).as("null: never connected").isNull();
    assertThat(raw.getFirst().get(RawFields.STEP_LATENCY)).isEqualTo(1.023);
    // Fields the seed never wrote read as their documented absent values, never as 0.
    assertThat(raw.getFirst().get(RawFields.STEPS)).isEqualTo(1);
    assertThat(raw.getFirst().get(RawFields.STEP_OVERHEAD)).isNull();
    assertThat(raw.getFirst().get(RawFields.CELL_ID)).isNull();

    List<SummaryRecord> rows = summary("seed");
    assertThat(rows).extracting(SummaryRecord::mode).containsExactly("ws", "http");
    assertThat(rows).allSatisfy(r -> assertThat(r.get(SummaryColumns.FORMAT_VERSION)).isZero());
    assertThat(rows.get(1).successRate()).isEqualTo(0.5);
    assertThat(rows.get(1).get(SummaryColumns.ERROR_RATE)).as("a percentage").isEqualTo(50.0);
    assertThat(rows.get(0).configuration())
        .isEqualTo(new Configuration("ws", 2, 1.0, 1, false, 0.0, 0, ""));
    assertThat(rows.get(0).get(SummaryColumns.HARNESS_SATURATED)).isFalse();
    assertThat(rows.get(0).number(SummaryColumns.stat(Phase.STEP_OVERHEAD, Stat.P99))).isNaN();
  }

  @Test
  void formats_1_to_4_read_to_the_same_measurements() {
    for (String v : List.of("v1", "v2", "v3", "v4")) {
      List<SessionRecord> raw = batchRaw(v);
      int version = Integer.parseInt(v.substring(1));
      assertThat(raw).as(v).hasSize(8);
      assertThat(raw)
          .allSatisfy(r -> assertThat(r.get(RawFields.FORMAT_VERSION)).isEqualTo(version));
      assertThat(raw.stream().filter(r -> !r.success()))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.get(RawFields.ERROR_CODE)).isEqualTo("CAPACITY_REACHED");
                assertThat(r.get(RawFields.ACTIVE_SESSIONS)).isEqualTo(2);
                assertThat(r.get(RawFields.MAX_SESSIONS)).isEqualTo(2);
              });
      assertThat(raw.stream().filter(r -> r.get(RawFields.STEPS) == 2)).hasSize(2);

      List<SummaryRecord> rows = batchSummary(v);
      assertThat(rows)
          .extracting(SummaryRecord::configuration)
          .as(v)
          .containsExactly(
              new Configuration("http", 3, 0.1, 1, false, 0.0, 0, ""),
              new Configuration("ws", 3, 0.1, 1, false, 0.0, 0, ""),
              new Configuration("ws", 2, 0.2, 2, true, 0.0, 0, ""));
      assertThat(rows).extracting(r -> r.get(SummaryColumns.SUCCESSFUL)).containsExactly(3, 2, 2);
      assertThat(rows)
          .allSatisfy(r -> assertThat(r.get(SummaryColumns.FORMAT_VERSION)).isEqualTo(version));
    }
  }

  @Test
  void formats_2_to_4_tie_sessions_and_histograms_to_their_summary_row_by_cell_id() {
    for (String v : List.of("v2", "v3", "v4")) {
      tiesByCellId(v);
    }
  }

  private static void tiesByCellId(String v) {
    List<SummaryRecord> rows = summary(v);
    List<String> cells = rows.stream().map(r -> r.get(SummaryColumns.CELL_ID)).toList();
    assertThat(cells).doesNotHaveDuplicates().doesNotContainNull();
    assertThat(raw(v).stream().map(r -> r.get(RawFields.CELL_ID)).collect(Collectors.toSet()))
        .isEqualTo(Set.copyOf(cells));
    for (SummaryRecord row : rows) {
      String cell = row.get(SummaryColumns.CELL_ID);
      assertThat(cell).startsWith(row.get(SummaryColumns.RUN_ID) + "-c");
      long sessions = raw(v).stream().filter(r -> cell.equals(r.get(RawFields.CELL_ID))).count();
      assertThat(sessions).isEqualTo(row.numRequests());
    }
    assertThat(RunManifest.all(FormatFixtures.folder(v)))
        .extracting(RunManifest::runId)
        .containsExactlyInAnyOrderElementsOf(
            rows.stream().map(r -> r.get(SummaryColumns.RUN_ID)).distinct().toList());
  }

  @Test
  void histograms_of_every_openenv_bench_format_read_back_with_their_cells() {
    for (String v : List.of("v1", "v2", "v3", "v4")) {
      HistogramLogFile.Read read =
          HistogramLogFile.read(FormatFixtures.folder(v).resolve("histograms.hlog"));
      assertThat(read.file().tornLinesSkipped()).isZero();
      Set<String> openLoop =
          summary(v).stream()
              .filter(r -> r.get(SummaryColumns.ARRIVAL_RATE) != null)
              .map(r -> r.get(SummaryColumns.CELL_ID))
              .collect(Collectors.toSet());
      List<HistogramLogFile.Entry> totals =
          read.entries().stream()
              .filter(e -> e.tag().phase() == Phase.TOTAL && !openLoop.contains(e.tag().cellId()))
              .toList();
      // One total histogram per cell, counting its successful sessions.
      assertThat(totals)
          .extracting(e -> e.histogram().getTotalCount())
          .as(v)
          .containsExactly(3L, 2L, 2L);
      assertThat(totals)
          .extracting(
              e -> e.tag().mode() + "/" + e.tag().numRequests() + "/" + e.tag().waitSeconds())
          .containsExactly("http/3/0.1", "ws/3/0.1", "ws/2/0.2");
      List<String> cellIds = totals.stream().map(e -> e.tag().cellId()).toList();
      if (v.equals("v1")) {
        assertThat(cellIds).containsOnlyNulls();
      } else {
        assertThat(cellIds)
            .containsExactlyElementsOf(
                batchSummary(v).stream().map(r -> r.get(SummaryColumns.CELL_ID)).toList());
      }
    }
  }

  @Test
  void appending_to_a_format_1_folder_upgrades_its_summary_in_place_and_keeps_every_value() {
    Path dir = FormatFixtures.copy("v1", tmp);
    List<SummaryRecord> before = SummaryCsvReader.read(dir.resolve("summary.csv")).rows();
    String rawBefore = read(dir.resolve("raw.jsonl"));
    List<String> notices = new ArrayList<>();

    ResultFolder.prepare(dir, notices::add);

    List<String> lines = lines(dir.resolve("summary.csv"));
    assertThat(Csv.cells(lines.getFirst())).isEqualTo(SummaryColumns.names(FormatVersion.CURRENT));
    assertThat(lines).hasSize(4);
    keptEveryValue(dir, before);
    assertThat(notices).singleElement().asString().contains("upgraded 3 row(s) from format 1");
    assertThat(read(dir.resolve("raw.jsonl")))
        .as("raw.jsonl needs no upgrade")
        .isEqualTo(rawBefore);
    assertThat(dir.resolve("summary.csv.upgrading")).doesNotExist();
  }

  @Test
  void appending_to_a_released_format_2_folder_upgrades_its_summary_and_loses_nothing() {
    Path dir = FormatFixtures.copy("v2", tmp);
    List<SummaryRecord> before = SummaryCsvReader.read(dir.resolve("summary.csv")).rows();
    String rawBefore = read(dir.resolve("raw.jsonl"));
    String histogramsBefore = read(dir.resolve("histograms.hlog"));
    List<String> notices = new ArrayList<>();

    ResultFolder.prepare(dir, notices::add);

    List<String> lines = lines(dir.resolve("summary.csv"));
    assertThat(Csv.cells(lines.getFirst())).isEqualTo(SummaryColumns.names(FormatVersion.CURRENT));
    assertThat(lines).hasSize(4);
    List<SummaryRecord> after = keptEveryValue(dir, before);
    for (int i = 0; i < before.size(); i++) {
      // The rows say what wrote them, and the figures format 2 never measured stay unknown.
      assertThat(after.get(i).get(SummaryColumns.FORMAT_VERSION)).isEqualTo(FormatVersion.SECOND);
      assertThat(after.get(i).get(SummaryColumns.SERVER_STEP_OVERHEAD_P50)).isNull();
      assertThat(after.get(i).get(SummaryColumns.SERVER_STEP_OVERHEAD_P99)).isNull();
      assertThat(after.get(i).get(SummaryColumns.SERVER_CPU_SECONDS)).isNull();
      assertThat(after.get(i).get(SummaryColumns.SERVER_METRICS)).isNull();
      assertThat(after.get(i).get(SummaryColumns.EPISODES_DONE)).isZero();
    }
    assertThat(notices)
        .singleElement()
        .asString()
        .contains("upgraded 3 row(s) from format 2 to format " + FormatVersion.CURRENT);
    assertThat(read(dir.resolve("raw.jsonl")))
        .as("raw.jsonl needs no upgrade")
        .isEqualTo(rawBefore);
    assertThat(read(dir.resolve("histograms.hlog"))).isEqualTo(histogramsBefore);
    assertThat(dir.resolve("summary.csv.upgrading")).doesNotExist();
  }

  @Test
  void format_4s_open_loop_cell_reads_apart_from_the_batches_with_both_latencies() {
    SummaryRecord row = summary("v4").getLast();
    assertThat(row.configuration())
        .as("N = 0 in the configuration: a rate is not a batch size")
        .isEqualTo(
            new Configuration(
                "ws", 0, 0.1, 1, false, 0.0, 10.0, "constant for 0.5 s, ≤ 1 in flight"));
    assertThat(row.numRequests()).as("sessions started").isEqualTo(5);
    assertThat(row.get(SummaryColumns.SESSIONS_SCHEDULED)).isEqualTo(5);
    assertThat(row.get(SummaryColumns.SESSIONS_DROPPED)).isZero();
    assertThat(row.get(SummaryColumns.SESSIONS_LATE)).as("100 ms apart, 0.1 s each").isEqualTo(4);
    assertThat(row.get(SummaryColumns.ARRIVAL_PROCESS)).isEqualTo("constant");
    assertThat(row.get(SummaryColumns.MAX_IN_FLIGHT)).isEqualTo(1);
    assertThat(row.number(SummaryColumns.stat(Phase.TOTAL, Stat.P99)))
        .as("corrected ≥ uncorrected")
        .isGreaterThan(row.number(SummaryColumns.stat(Phase.TOTAL_UNCORRECTED, Stat.P99)));
    List<SessionRecord> sessions =
        raw("v4").stream().filter(r -> r.get(RawFields.ARRIVAL_RATE) != null).toList();
    assertThat(sessions).hasSize(5);
    assertThat(sessions)
        .allSatisfy(
            r ->
                assertThat(r.get(RawFields.START_OFFSET) - r.get(RawFields.INTENDED_START_OFFSET))
                    .isCloseTo(
                        r.get(RawFields.START_DELAY), org.assertj.core.data.Offset.offset(1e-5)));
    assertThat(batchSummary("v4"))
        .allSatisfy(r -> assertThat(r.get(SummaryColumns.SESSIONS_SCHEDULED)).isNull());
  }

  @Test
  void appending_to_a_format_3_folder_upgrades_its_summary_and_the_new_columns_read_as_none() {
    Path dir = FormatFixtures.copy("v3", tmp);
    List<SummaryRecord> before = SummaryCsvReader.read(dir.resolve("summary.csv")).rows();
    List<String> notices = new ArrayList<>();

    ResultFolder.prepare(dir, notices::add);

    List<SummaryRecord> after = keptEveryValue(dir, before);
    assertThat(after)
        .hasSize(3)
        .allSatisfy(
            r -> {
              assertThat(r.get(SummaryColumns.FORMAT_VERSION)).isEqualTo(FormatVersion.THIRD);
              assertThat(r.get(SummaryColumns.ABANDONED)).as("format 3 never abandoned").isZero();
              assertThat(r.get(SummaryColumns.ABANDON_SLOTS_HELD)).isNull();
              assertThat(r.get(SummaryColumns.EPISODES_DONE))
                  .as("format 3 never ended early")
                  .isZero();
              assertThat(r.get(SummaryColumns.ARRIVAL_RATE)).as("format 3: batches").isNull();
            });
    assertThat(notices)
        .singleElement()
        .asString()
        .contains("upgraded 3 row(s) from format 3 to format 4");
  }

  @Test
  void appending_to_a_format_4_folder_changes_nothing() {
    Path dir = FormatFixtures.copy("v4", tmp);
    String summary = read(dir.resolve("summary.csv"));
    List<String> notices = new ArrayList<>();

    ResultFolder.prepare(dir, notices::add);

    assertThat(read(dir.resolve("summary.csv"))).isEqualTo(summary);
    assertThat(notices).isEmpty();
  }

  @Test
  void appending_to_the_seeds_folder_is_refused_before_anything_is_written() {
    Path dir = FormatFixtures.copy("seed", tmp);
    String summary = read(dir.resolve("summary.csv"));

    assertThatThrownBy(() -> ResultFolder.prepare(dir, n -> {}))
        .isInstanceOf(ResultFileException.class)
        .hasMessageContaining("summary.csv: has the seed harness's 33 columns")
        .hasMessageContaining("Write to another folder (-o NEW_DIR)");
    assertThat(read(dir.resolve("summary.csv"))).isEqualTo(summary);
  }

  /** The folder's summary.csv rows, having checked they hold every value of {@code before}. */
  private static List<SummaryRecord> keptEveryValue(Path dir, List<SummaryRecord> before) {
    List<SummaryRecord> after = SummaryCsvReader.read(dir.resolve("summary.csv")).rows();
    assertThat(after).hasSameSizeAs(before);
    for (int i = 0; i < before.size(); i++) {
      for (Field<?> f : SummaryColumns.ALL) {
        assertThat(after.get(i).get(f)).as(f.name()).isEqualTo(before.get(i).get(f));
      }
    }
    return after;
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
