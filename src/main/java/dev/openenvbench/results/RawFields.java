package dev.openenvbench.results;

import static dev.openenvbench.results.Field.Role.LABEL;
import static dev.openenvbench.results.Field.Role.MEASURE;
import static dev.openenvbench.results.Field.Role.SETTING;
import static dev.openenvbench.results.FormatVersion.FIRST;
import static dev.openenvbench.results.FormatVersion.SEED;

import java.util.List;

/**
 * The schema of {@code raw.jsonl}: one JSON object per session, keys in this order. The seed
 * harness's fields come first with its names and units (seconds), so a tool that reads the seed's
 * files reads ours; then this project's additions; {@code format_version} last. This is the one
 * declaration of the file: {@link RawJsonlWriter}, {@link RawJsonlReader}, docs/formats.md's tables
 * and the machine-readable schema (docs/result-schema.json) all follow it. A {@code null} latency
 * means the session never reached that phase.
 */
public final class RawFields {
  static final Schema SCHEMA = new Schema("raw.jsonl");
  private static final int V2 = FormatVersion.SECOND;
  private static final int V4 = FormatVersion.CURRENT;

  public static final Field<Integer> REQUEST_ID =
      seed("request_id", Kind.INT, "", LABEL, "index of the session within its cell, 0..N-1");
  public static final Field<String> MODE = seed("mode", Kind.TEXT, "", SETTING, "ws or http");
  public static final Field<String> TIMESTAMP =
      seed("timestamp", Kind.TEXT, "", LABEL, "ISO-8601 UTC time the session started (µs)");
  public static final Field<Double> WAIT_REQUESTED =
      seed("wait_requested", Kind.FLOAT, "s", SETTING, "the wait_seconds each step asked for");
  public static final Field<Integer> BATCH_SIZE =
      seed("batch_size", Kind.INT, "count", SETTING, "N, the number of sessions of the cell");
  public static final Field<String> HARDWARE =
      seed("hardware", Kind.TEXT, "", LABEL, "the --hardware label");
  public static final Field<Double> CONNECT_LATENCY =
      seed(
          "connect_latency",
          Kind.FLOAT,
          "s",
          MEASURE,
          "WS: TCP connect + WebSocket upgrade, as the seed measured it; HTTP: time to obtain a"
              + " pooled keep-alive connection for the first request");
  public static final Field<Double> RESET_LATENCY =
      seed("reset_latency", Kind.FLOAT, "s", MEASURE, "reset sent → reset reply received");
  public static final Field<Double> STEP_LATENCY =
      seed(
          "step_latency",
          Kind.FLOAT,
          "s",
          MEASURE,
          "step sent → step reply received; with --steps K the mean over the completed steps; HTTP:"
              + " includes waiting for a free pooled connection");
  public static final Field<Double> TOTAL_LATENCY =
      seed(
          "total_latency",
          Kind.FLOAT,
          "s",
          MEASURE,
          "session start → session end (success: connection closed; failure: the failure seen);"
              + " with --barrier, the waits for the others before the step and (WebSocket) before"
              + " the close");
  public static final Field<Double> WAITED_SECONDS =
      seed("waited_seconds", Kind.FLOAT, "s", MEASURE, "from the last observation received");
  public static final Field<Long> PID =
      seed("pid", Kind.LONG, "", MEASURE, "server process id, from the last observation");
  public static final Field<String> SESSION_HASH =
      seed(
          "session_hash", Kind.TEXT, "", MEASURE, "server session hash, from the last observation");
  public static final Field<String> HOST_URL =
      seed(
          "host_url",
          Kind.TEXT,
          "",
          MEASURE,
          "server <hostname>:<port>, from the last observation");
  public static final Field<Boolean> SUCCESS =
      seed("success", Kind.BOOL, "", MEASURE, "every phase completed without an error");
  public static final Field<String> ERROR_TYPE =
      seed("error_type", Kind.TEXT, "", MEASURE, "failure class (docs/formats.md lists them)");
  public static final Field<String> ERROR_MESSAGE =
      seed("error_message", Kind.TEXT, "", MEASURE, "human-readable detail of the failure");

  public static final Field<Integer> REPETITION =
      added(FIRST, "repetition", Kind.INT, "", LABEL, "repetition of the cell, 1-indexed", 1);
  public static final Field<String> URL =
      added(FIRST, "url", Kind.TEXT, "", LABEL, "the server root URL this session used", null);
  public static final Field<Integer> STEPS =
      added(FIRST, "steps", Kind.INT, "count", SETTING, "steps each session was to take", 1);
  public static final Field<Integer> STEPS_COMPLETED =
      added(FIRST, "steps_completed", Kind.INT, "count", MEASURE, "steps that got a reply", null);
  public static final Field<Double> TCP_CONNECT_LATENCY =
      added(
          FIRST,
          "tcp_connect_latency",
          Kind.FLOAT,
          "s",
          MEASURE,
          "connect started → TCP connected (HTTP: = connect_latency)",
          null);
  public static final Field<Double> WS_UPGRADE_LATENCY =
      added(
          FIRST,
          "ws_upgrade_latency",
          Kind.FLOAT,
          "s",
          MEASURE,
          "TCP connected → HTTP 101 processed (includes TLS for wss); null for HTTP",
          null);
  public static final Field<Double> CLOSE_LATENCY =
      added(
          FIRST,
          "close_latency",
          Kind.FLOAT,
          "s",
          MEASURE,
          "{\"type\":\"close\"} sent → the server's close frame or TCP close seen; null for HTTP",
          null);
  public static final Field<Double> STEP_OVERHEAD =
      added(
          FIRST,
          "step_overhead",
          Kind.FLOAT,
          "s",
          MEASURE,
          "step_latency − wait_requested: what the transport and server added to the wait",
          null);
  public static final Field<Double> STEP_LATENCY_MAX =
      added(
          FIRST, "step_latency_max", Kind.FLOAT, "s", MEASURE, "the session's slowest step", null);
  public static final Field<String> ERROR_CODE =
      added(
          FIRST,
          "error_code",
          Kind.TEXT,
          "",
          MEASURE,
          "OpenEnv data.code (e.g. CAPACITY_REACHED) or HTTP_<status>",
          null);
  public static final Field<Integer> ACTIVE_SESSIONS =
      added(
          FIRST,
          "active_sessions",
          Kind.INT,
          "count",
          MEASURE,
          "for CAPACITY_REACHED: the server's active session count",
          null);
  public static final Field<Integer> MAX_SESSIONS =
      added(
          FIRST,
          "max_sessions",
          Kind.INT,
          "count",
          MEASURE,
          "for CAPACITY_REACHED: the server's session cap",
          null);
  public static final Field<String> REMOTE_ADDRESS =
      added(
          FIRST,
          "remote_address",
          Kind.TEXT,
          "",
          MEASURE,
          "the socket's remote address as connected",
          null);
  public static final Field<Double> START_OFFSET =
      added(
          FIRST,
          "start_offset",
          Kind.FLOAT,
          "s",
          MEASURE,
          "seconds from the cell start to this session's start",
          null);
  public static final Field<Double> STEP_START_OFFSET =
      added(
          FIRST,
          "step_start_offset",
          Kind.FLOAT,
          "s",
          MEASURE,
          "seconds from the cell start to the first step sent",
          null);
  public static final Field<Double> STEP_END_OFFSET =
      added(
          FIRST,
          "step_end_offset",
          Kind.FLOAT,
          "s",
          MEASURE,
          "seconds from the cell start to the last step reply",
          null);

  public static final Field<Boolean> BARRIER =
      added(
          V2,
          "barrier",
          Kind.BOOL,
          "",
          SETTING,
          "true when --barrier held every step until all sessions had reset",
          false);
  public static final Field<Double> RAMP_SECONDS =
      added(
          V2,
          "ramp_seconds",
          Kind.FLOAT,
          "s",
          SETTING,
          "the cell's connects were spread over this many seconds (0 = all at once)",
          0.0);
  public static final Field<String> RUN_ID =
      added(V2, "run_id", Kind.TEXT, "", LABEL, "the run that wrote the row (manifest)", null);
  public static final Field<String> CELL_ID =
      added(
          V2,
          "cell_id",
          Kind.TEXT,
          "",
          LABEL,
          "the cell of the run: the cell_id of its summary.csv row",
          null);
  // Format 4: the connection's lifecycle (real deployments' answers).
  public static final Field<String> RETRY_AFTER =
      added(
          V4,
          "retry_after",
          Kind.TEXT,
          "",
          MEASURE,
          "the Retry-After header of a 429 (rate_limited) or 503 (unavailable) answer, as sent:"
              + " seconds or an HTTP date; null otherwise",
          null);

  public static final Field<Double> TLS_HANDSHAKE_LATENCY =
      added(
          V4,
          "tls_handshake_latency",
          Kind.FLOAT,
          "s",
          MEASURE,
          "TCP connected → TLS handshake done: on wss part of ws_upgrade_latency; on https timed"
              + " for the session that opened the pooled connection, before its reset was sent,"
              + " and null for a session that reused one; null for plain ws and http",
          null);
  public static final Field<String> BACKEND =
      added(
          V4,
          "backend",
          Kind.TEXT,
          "",
          MEASURE,
          "a backend-identifying header of the server's answer (the WebSocket upgrade's, the"
              + " reset's), as name=value; null when it sent none (docs/run.md lists the names)",
          null);
  // Format 4, the workload (--reset-json, --action-json, --actions, --think-seconds).
  public static final Field<Boolean> EPISODE_DONE =
      added(
          V4,
          "episode_done",
          Kind.BOOL,
          "",
          MEASURE,
          "true when a step's reply said done: true: the episode ended there and the session"
              + " closed after steps_completed steps, a success, not a failure",
          false);
  public static final Field<Double> THINK_SECONDS =
      added(
          V4,
          "think_seconds",
          Kind.FLOAT,
          "s",
          MEASURE,
          "the session's pauses before its steps (--think-seconds), in all; part of"
              + " total_latency, not of step_latency",
          0.0);
  // Open-loop cells (run --arrival-rate), format 4: null in a batch cell's rows.
  public static final Field<Double> ARRIVAL_RATE =
      added(
          V4,
          "arrival_rate",
          Kind.FLOAT,
          "1/s",
          SETTING,
          "open-loop cell: its sessions started on a schedule of this many per second (then"
              + " batch_size is the sessions the schedule planned, and connect_latency and"
              + " total_latency start at intended_start_offset); null for a batch cell",
          null);
  public static final Field<Double> INTENDED_START_OFFSET =
      added(
          V4,
          "intended_start_offset",
          Kind.FLOAT,
          "s",
          MEASURE,
          "seconds from the cell start to when the schedule meant this session to start",
          null);
  public static final Field<Double> START_DELAY =
      added(
          V4,
          "start_delay",
          Kind.FLOAT,
          "s",
          MEASURE,
          "start_offset − intended_start_offset: how late the session started (waiting for a"
              + " slot under max_in_flight, or a late harness); subtract it from connect_latency"
              + " or total_latency for the uncorrected figure",
          null);

  public static final Field<Integer> FORMAT_VERSION =
      added(
          V2,
          "format_version",
          Kind.INT,
          "",
          LABEL,
          "the layout version of this row; absent in the seed's files and in format 1",
          null);

  /** Every field, in file order. */
  public static final List<Field<?>> ALL = SCHEMA.fields();

  private RawFields() {}

  /** The field of that name, or null: another tool's key. */
  public static Field<?> named(String name) {
    return SCHEMA.field(name);
  }

  /** The names a format version wrote, in order ({@link FormatVersion#SEED} = the seed's). */
  public static List<String> names(int version) {
    return SCHEMA.names(version);
  }

  private static <T> Field<T> seed(
      String name, Kind<T> kind, String unit, Field.Role role, String doc) {
    return SCHEMA.add(name, kind, unit, SEED, role, doc, null);
  }

  private static <T> Field<T> added(
      int since, String name, Kind<T> kind, String unit, Field.Role role, String doc, T absent) {
    return SCHEMA.add(name, kind, unit, since, role, doc, absent);
  }
}
