package dev.openenvbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * raw.jsonl fields and summary.csv columns, name by name, as written out independently of the code:
 * DESIGN.md's lists (the seed's first in the seed's order, then our additions) and
 * docs/formats.md's tables (every field with its type, unit and version).
 */
class FileFormatTest {
  /** DESIGN.md "Files": the seed's raw.jsonl fields, in order. */
  static final List<String> DESIGN_RAW_SEED =
      List.of(
          "request_id",
          "mode",
          "timestamp",
          "wait_requested",
          "batch_size",
          "hardware",
          "connect_latency",
          "reset_latency",
          "step_latency",
          "total_latency",
          "waited_seconds",
          "pid",
          "session_hash",
          "host_url",
          "success",
          "error_type",
          "error_message");

  /** DESIGN.md's examples of additions, all of which we write. */
  static final List<String> DESIGN_RAW_ADDITIONS =
      List.of(
          "repetition",
          "tcp_connect_latency",
          "ws_upgrade_latency",
          "close_latency",
          "step_overhead",
          "error_code",
          "remote_address",
          "start_offset");

  /** DESIGN.md "Files": the seed's summary.csv columns, in order. */
  static final List<String> DESIGN_CSV_SEED =
      List.of(
          "mode",
          "url",
          "num_requests",
          "batch_size",
          "wait_seconds",
          "repetition",
          "timestamp",
          "hardware",
          "successful",
          "failed",
          "error_rate",
          "total_wall_time",
          "connect_p50",
          "connect_p95",
          "connect_p99",
          "reset_p50",
          "reset_p95",
          "reset_p99",
          "step_p50",
          "step_p95",
          "step_p99",
          "total_min",
          "total_max",
          "total_avg",
          "total_p50",
          "total_p90",
          "total_p95",
          "total_p99",
          "requests_per_second",
          "effective_concurrency",
          "unique_pids",
          "unique_sessions",
          "unique_hosts");

  @TempDir Path dir;

  static SessionRecord success(int id) {
    return CellAccumulatorTest.stepped(id, 0.117, 1.140).toBuilder()
        .set(RawFields.TIMESTAMP, "2026-01-09T12:00:00Z")
        .set(RawFields.BATCH_SIZE, 4)
        .set(RawFields.HARDWARE, "local")
        .set(RawFields.CONNECT_LATENCY, 0.012)
        .set(RawFields.URL, "http://127.0.0.1:8000")
        .set(RawFields.REMOTE_ADDRESS, "127.0.0.1:8000")
        .set(RawFields.RUN_ID, "r")
        .set(RawFields.CELL_ID, "r-c1")
        .build();
  }

  @Test
  void raw_jsonl_line_has_the_seed_fields_first_then_the_additions() throws Exception {
    try (RawJsonlWriter w = new RawJsonlWriter(dir.resolve("raw.jsonl"))) {
      w.write(success(0));
    }
    JsonNode line =
        JsonMapper.builder()
            .build()
            .readTree(Files.readAllLines(dir.resolve("raw.jsonl")).getFirst());
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = line.propertyNames().iterator(); it.hasNext(); )
      names.add(it.next());

    assertThat(names.subList(0, DESIGN_RAW_SEED.size())).containsExactlyElementsOf(DESIGN_RAW_SEED);
    assertThat(names.subList(DESIGN_RAW_SEED.size(), names.size()))
        .containsAll(DESIGN_RAW_ADDITIONS);
    assertThat(names).containsExactlyElementsOf(RawFields.names(FormatVersion.CURRENT));
    assertThat(names.getLast()).isEqualTo("format_version");
    assertThat(line.path("format_version").asInt()).isEqualTo(FormatVersion.CURRENT);
    assertThat(line.path("connect_latency").asDouble()).isEqualTo(0.012);
    assertThat(line.path("error_type").isNull()).isTrue();
  }

  @Test
  void summary_csv_has_the_seed_columns_first_then_the_additions_and_one_header() throws Exception {
    SummaryCsvWriter w = new SummaryCsvWriter(dir.resolve("summary.csv"));
    w.append(summary());
    w.append(summary());

    List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
    List<String> header = List.of(lines.getFirst().split(","));
    assertThat(lines).hasSize(3);
    assertThat(header.subList(0, DESIGN_CSV_SEED.size()))
        .containsExactlyElementsOf(DESIGN_CSV_SEED);
    assertThat(header.subList(DESIGN_CSV_SEED.size(), header.size()))
        .contains(
            "peak_concurrency", "harness_saturated", "incomplete", "step_overhead_p50", "errors");
    assertThat(header).containsExactlyElementsOf(SummaryColumns.names(FormatVersion.CURRENT));
    assertThat(header.getLast()).isEqualTo("format_version");
    assertThat(lines.get(1).split(",", -1)).hasSize(header.size());
  }

  @Test
  void a_seed_reader_finds_its_columns_by_name_with_seed_units() throws Exception {
    new SummaryCsvWriter(dir.resolve("summary.csv")).append(summary());
    List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
    String[] h = lines.get(0).split(",");
    String[] v = lines.get(1).split(",", -1);
    Map<String, String> row = new TreeMap<>();
    for (int i = 0; i < h.length; i++) row.put(h[i], v[i]);

    assertThat(row)
        .containsEntry("error_rate", "0.250000") // a fraction, not a percentage
        .containsEntry("batch_size", "4")
        .containsEntry("num_requests", "4");
    // Seconds, from a histogram with 3 significant digits: within 0.1% of the recorded 1.023 s.
    assertThat(Double.parseDouble(row.get("step_p50")))
        .isCloseTo(1.023, org.assertj.core.data.Percentage.withPercentage(0.1));
  }

  @Test
  void docs_formats_md_lists_every_field_with_its_type_unit_and_version() throws Exception {
    String doc = Files.readString(Path.of("docs/formats.md"));
    assertThat(documented(section(doc, "## `raw.jsonl`"))).isEqualTo(declared(RawFields.ALL));
    assertThat(documented(section(doc, "## `summary.csv`")))
        .isEqualTo(declared(SummaryColumns.ALL));
    assertThat(documented(section(doc, "## `timeseries.csv`")))
        .isEqualTo(declared(TimeSeriesColumns.ALL));
  }

  /** The text from a heading to the next heading of its level. */
  private static String section(String doc, String heading) {
    int start = doc.indexOf("\n" + heading + "\n");
    assertThat(start).as(heading + " in docs/formats.md").isNotNegative();
    int end = doc.indexOf("\n## ", start + heading.length() + 2);
    return doc.substring(start, end < 0 ? doc.length() : end);
  }

  /** "name type unit since" of each row of the section's field table. */
  private static List<String> documented(String section) {
    List<String> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : section.lines().toList()) {
      if (line.equals("| field | type | unit | since | meaning |")) {
        inTable = true;
      } else if (inTable && line.startsWith("| `")) {
        List<String> cells = List.of(line.substring(2).split(" \\| "));
        rows.add(String.join(" ", cells.subList(0, 4)).replace("`", ""));
      } else if (inTable && !line.startsWith("|---")) {
        inTable = false;
      }
    }
    return rows;
  }

  private static List<String> declared(List<Field<?>> fields) {
    return fields.stream()
        .map(
            f ->
                String.join(
                    " ",
                    f.name(),
                    f.kind().jsonType(),
                    f.unit().isEmpty() ? "–" : f.unit(),
                    f.seed() ? "seed" : Integer.toString(f.since())))
        .toList();
  }

  static CellSummary summary() {
    CellKey key =
        new CellKey(
            "r",
            "r-c1",
            "ws",
            "http://127.0.0.1:8000",
            4,
            1.0,
            1,
            "2026-01-09T12:00:00Z",
            "local",
            1,
            false,
            0,
            null);
    CellAccumulator acc = new CellAccumulator(key);
    for (int i = 0; i < 3; i++) acc.add(success(i));
    acc.add(CellAccumulatorTest.failure(3, "openenv_error", "CAPACITY_REACHED"));
    return acc.summarize(1.2, HarnessLoad.UNKNOWN, false);
  }
}
