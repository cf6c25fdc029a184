package dev.openenvbench.results;

import java.util.List;
import java.util.stream.Stream;

/**
 * The field names of {@code raw.jsonl}, in the order they are written: the seed harness's fields
 * first (same names, same units: seconds), then this project's additions. docs/formats.md explains
 * each one; {@link RawJsonlWriter} writes them in exactly this order.
 */
public final class RawFields {
  /** The seed's fields, unchanged, so a tool that reads the seed's files reads ours. */
  public static final List<String> SEED =
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

  /** Additions, after the seed's fields. */
  public static final List<String> ADDITIONS =
      List.of(
          "repetition",
          "url",
          "steps",
          "steps_completed",
          "tcp_connect_latency",
          "ws_upgrade_latency",
          "close_latency",
          "step_overhead",
          "step_latency_max",
          "error_code",
          "active_sessions",
          "max_sessions",
          "remote_address",
          "start_offset",
          "step_start_offset",
          "step_end_offset");

  public static final List<String> ALL = Stream.concat(SEED.stream(), ADDITIONS.stream()).toList();

  private RawFields() {}
}
