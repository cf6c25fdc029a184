package dev.openenvbench.results;

/**
 * The timed parts of a session, each with its own histogram per cell. {@code CONNECT} is TCP
 * connect plus WebSocket upgrade, as the seed measured it; {@code STEP_OVERHEAD} is a step's round
 * trip minus the wait it asked for.
 */
public enum Phase {
  CONNECT("connect"),
  TCP_CONNECT("tcp_connect"),
  WS_UPGRADE("ws_upgrade"),
  RESET("reset"),
  STEP("step"),
  STEP_OVERHEAD("step_overhead"),
  CLOSE("close"),
  TOTAL("total");

  private final String columnPrefix;

  Phase(String columnPrefix) {
    this.columnPrefix = columnPrefix;
  }

  /** The prefix of this phase's columns in summary.csv, e.g. {@code step} for step_p50. */
  public String columnPrefix() {
    return columnPrefix;
  }
}
