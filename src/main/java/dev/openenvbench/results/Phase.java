package dev.openenvbench.results;

/**
 * The timed parts of a session, each with its own histogram per cell. {@code CONNECT} is TCP
 * connect plus WebSocket upgrade, as the seed measured it; {@code STEP_OVERHEAD} is a step's round
 * trip minus the wait it asked for. In an open-loop cell {@code CONNECT} and {@code TOTAL} start at
 * the session's intended start (corrected for coordinated omission, as wrk2 does); the {@code
 * _UNCORRECTED} phases start where the session really started.
 */
public enum Phase {
  CONNECT("connect", "connect latency (WS: TCP connect + upgrade; HTTP: pooled connection)"),
  TCP_CONNECT("tcp_connect", "TCP connect latency"),
  WS_UPGRADE("ws_upgrade", "WebSocket upgrade latency"),
  RESET("reset", "reset latency"),
  STEP("step", "step latency (every step of every session)"),
  STEP_OVERHEAD("step_overhead", "step latency minus the requested wait"),
  CLOSE("close", "close latency"),
  TOTAL("total", "total session latency"),
  // Open-loop cells (run --arrival-rate) and cells of run --open-window only: CONNECT and TOTAL
  // are then measured from each session's intended start (its schedule's, or the cell start);
  // these are the same measured from its actual start, and how late it started.
  START_DELAY(
      "start_delay",
      "start delay (actual start − intended start, open-loop and --open-window cells)"),
  CONNECT_UNCORRECTED(
      "connect_uncorrected",
      "connect latency from the actual start (uncorrected, open-loop and --open-window cells)"),
  TOTAL_UNCORRECTED(
      "total_uncorrected",
      "total session latency from the actual start (uncorrected, open-loop and --open-window)");

  private final String columnPrefix;
  private final String description;

  Phase(String columnPrefix, String description) {
    this.columnPrefix = columnPrefix;
    this.description = description;
  }

  /** The prefix of this phase's columns in summary.csv, e.g. {@code step} for step_p50. */
  public String columnPrefix() {
    return columnPrefix;
  }

  public String description() {
    return description;
  }

  /** The phase whose column prefix this is, or null. */
  public static Phase ofPrefix(String prefix) {
    for (Phase p : values()) {
      if (p.columnPrefix.equals(prefix)) return p;
    }
    return null;
  }
}
