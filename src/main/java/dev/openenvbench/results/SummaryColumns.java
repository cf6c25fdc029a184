package dev.openenvbench.results;

import java.util.List;
import java.util.stream.Stream;

/**
 * The columns of {@code summary.csv}, in order: the seed's first (DESIGN.md), then additions.
 * Latency columns are seconds; {@code error_rate} is a fraction 0..1. docs/formats.md explains each
 * one.
 */
public final class SummaryColumns {
  public static final List<String> SEED =
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

  public static final List<String> ADDITIONS =
      List.of(
          "steps",
          "barrier",
          "ramp_seconds",
          "tcp_connect_p50",
          "tcp_connect_p95",
          "tcp_connect_p99",
          "ws_upgrade_p50",
          "ws_upgrade_p95",
          "ws_upgrade_p99",
          "close_p50",
          "close_p95",
          "close_p99",
          "step_max",
          "step_overhead_p50",
          "step_overhead_p95",
          "step_overhead_p99",
          "peak_concurrency",
          "open_rate",
          "errors",
          "harness_cpu_seconds",
          "harness_cpu_max",
          "harness_loop_lag_max_ms",
          "harness_gc_pause_ms",
          "harness_open_fds_max",
          "harness_saturated",
          "incomplete");

  public static final List<String> ALL = Stream.concat(SEED.stream(), ADDITIONS.stream()).toList();

  private SummaryColumns() {}
}
