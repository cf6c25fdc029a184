package dev.openenvbench.results;

/**
 * The versions of the result files' layout. Every row this project writes carries its version
 * ({@code format_version}, the last column of summary.csv and the last key of each raw.jsonl
 * object); files without it are the seed harness's or this project's first layout, told apart by
 * their fields. Readers accept every version here; a new version adds fields (declared above {@code
 * format_version}, which stays last) and a fixture under src/test/resources/formats/.
 */
public final class FormatVersion {
  /** The seed's Python harness: its 17 raw.jsonl fields and 33 summary.csv columns, no version. */
  public static final int SEED = 0;

  /** openenv-bench before versioning (up to commit dcfd1f3): the seed's fields plus additions. */
  public static final int FIRST = 1;

  /** Adds run and cell ids, barrier and ramp per session, and {@code format_version} itself. */
  public static final int SECOND = 2;

  /**
   * Adds the server's own figures from /metrics to summary.csv: server_step_overhead_p50/p99,
   * server_cpu_seconds, server_metrics. raw.jsonl gains no field but says 3 like summary.csv.
   */
  public static final int THIRD = 3;

  /**
   * Adds what real deployments' sessions sent and met (issue 12). summary.csv: the abandoned
   * sessions' slots (abandoned, abandon_how, abandon_probe, abandon_recovery_seconds,
   * abandon_slots_held), hosts_source (what unique_hosts counted), episodes_done, and open-loop
   * cells ({@code run --arrival-rate}): the schedule's settings and counts, start delays and the
   * uncorrected latencies beside the corrected ones. raw.jsonl: a proxy's Retry-After
   * (retry_after), the backend header, tls_handshake_latency, episode_done, think_seconds,
   * arrival_rate, intended_start_offset and start_delay. And timeseries.csv, new.
   */
  public static final int CURRENT = 4;

  private FormatVersion() {}

  /**
   * The version of a row read from a file: the one it says, or, for the unversioned layouts, {@link
   * #FIRST} when it has a field the seed never wrote, else {@link #SEED}.
   *
   * @param written the row's {@code format_version}, null when it has none
   * @throws IllegalArgumentException a newer version than this reader knows
   */
  static int ofRow(Integer written, boolean laterThanSeed) {
    if (written == null) return laterThanSeed ? FIRST : SEED;
    if (written > CURRENT) {
      throw new IllegalArgumentException(
          "format_version " + written + " was written by a newer openenv-bench; update this one");
    }
    return written;
  }

  /** A short description for messages, e.g. "format 1 (openenv-bench before versioning)". */
  public static String describe(int version) {
    return switch (version) {
      case SEED -> "the seed harness's layout";
      case FIRST -> "format 1 (openenv-bench before format versions)";
      default ->
          "format " + version + (version > CURRENT ? " (written by a newer openenv-bench)" : "");
    };
  }
}
