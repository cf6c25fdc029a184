package dev.openenvbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The machine-readable copy of the result files' schema (docs/result-schema.json, and in the jar as
 * {@code dev/openenvbench/results/result-schema.json}), generated from {@link RawFields} and {@link
 * SummaryColumns} so that readers in other languages (the Python package's pandas loader) never
 * keep a second copy of the field lists. The build writes it ({@code main}, run by Maven after
 * compiling); a test keeps the docs/ copy equal to it.
 */
public final class SchemaDocument {
  /** Where the jar carries it. */
  public static final String RESOURCE = "/dev/openenvbench/results/result-schema.json";

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private SchemaDocument() {}

  public static String render() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", "openenv-bench result files");
    doc.put("format_version", FormatVersion.CURRENT);
    doc.put(
        "versions",
        List.of(
            version(FormatVersion.SEED, FormatVersion.describe(FormatVersion.SEED)),
            version(FormatVersion.FIRST, FormatVersion.describe(FormatVersion.FIRST)),
            version(
                FormatVersion.SECOND,
                "adds run_id, cell_id and format_version to every row, and barrier and"
                    + " ramp_seconds to each session"),
            version(
                FormatVersion.THIRD,
                "adds the server's own figures from its /metrics to summary.csv:"
                    + " server_step_overhead_p50, server_step_overhead_p99, server_cpu_seconds"
                    + " and server_metrics (raw.jsonl is unchanged but for format_version)"),
            version(
                FormatVersion.CURRENT,
                "adds what real deployments' sessions sent and met: the abandoned sessions'"
                    + " slots (abandon_*), hosts_source, episodes_done and open-loop cells"
                    + " (arrival_ settings, sessions_scheduled/late/dropped, start_delay_, the"
                    + " _uncorrected latencies) to summary.csv; retry_after, backend,"
                    + " tls_handshake_latency, episode_done, think_seconds, arrival_rate,"
                    + " intended_start_offset and start_delay to raw.jsonl; step_overhead is empty"
                    + " where the step's action asked no wait_seconds; and timeseries.csv, each"
                    + " cell second by second")));
    doc.put(
        "rules",
        List.of(
            "Fields are read by name; a field a file does not have reads as its 'absent' value"
                + " (null: unknown).",
            "A row without format_version is the seed's (version 0) when it has only seed"
                + " fields, else version 1.",
            "A torn last line (no newline, does not parse) is a write cut short: skip it.",
            "Rows with equal 'setting' fields (and different repetition) are repetitions of one"
                + " configuration."));
    doc.put(
        "files",
        List.of(
            file(RawFields.SCHEMA, "jsonl"),
            file(SummaryColumns.SCHEMA, "csv"),
            file(TimeSeriesColumns.SCHEMA, "csv"),
            histograms(),
            manifest()));
    return JSON.writeValueAsString(doc) + "\n";
  }

  private static Map<String, Object> histograms() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", ResultFolder.HISTOGRAMS);
    m.put("format", "HdrHistogram interval log (HistogramLogReader), values in microseconds");
    m.put(
        "tag",
        "<cell_id>/<mode>/n<N>/w<wait>/r<repetition>/<phase> (format 1: without <cell_id>/)");
    m.put("phases", Arrays.stream(Phase.values()).map(Phase::columnPrefix).toList());
    return m;
  }

  private static Map<String, Object> manifest() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", "runs/<run_id>/" + RunManifest.FILE);
    m.put("format", "JSON object: one run's tool, configuration, servers and machine");
    return m;
  }

  private static Map<String, Object> version(int v, String description) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", v);
    m.put("description", description);
    return m;
  }

  private static Map<String, Object> file(Schema schema, String format) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", schema.file());
    m.put("format", format);
    m.put("fields", schema.fields().stream().map(SchemaDocument::field).toList());
    return m;
  }

  private static Map<String, Object> field(Field<?> f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", f.name());
    m.put("type", f.kind().jsonType());
    m.put("unit", f.unit());
    m.put("seed", f.seed());
    m.put("since", f.since());
    m.put("role", f.role().name().toLowerCase(Locale.ROOT));
    m.put("absent", f.absent());
    m.put("description", f.description());
    return m;
  }

  /** Writes the document to the file named by the one argument (the build's output folder). */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Files.createDirectories(out.getParent());
    Files.writeString(out, render());
  }
}
