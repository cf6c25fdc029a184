package dev.openenvbench.loadgen;

/**
 * Runs sessions of one mode for one cell. {@link #start} returns at once; the session's single
 * {@link SessionResult} arrives later through its context's sink, on an event-loop thread. {@link
 * #close} drops every connection still open (used after an abort).
 */
public interface SessionDriver extends AutoCloseable {
  void start(SessionContext ctx);

  @Override
  void close();
}
