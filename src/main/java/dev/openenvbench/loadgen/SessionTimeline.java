package dev.openenvbench.loadgen;

import java.util.Arrays;

/**
 * The phase stamps of one session, in nanoseconds of one {@link NanoClock}. A stamp is {@link
 * #NOT_REACHED} until the session gets there. Written only by the session's own event-loop thread,
 * then handed over (read-only) with its {@link SessionResult}.
 */
public final class SessionTimeline {
  public static final long NOT_REACHED = Long.MIN_VALUE;

  long start = NOT_REACHED;
  long tcpConnected = NOT_REACHED;
  long tlsDone = NOT_REACHED;
  long upgraded = NOT_REACHED;
  long resetSent = NOT_REACHED;
  long resetDone = NOT_REACHED;
  final long[] stepSent;
  final long[] stepDone;
  int stepsCompleted;

  /** A step's reply said {@code done: true}: the episode ended there, the session closed. */
  boolean episodeDone;

  /** The pauses before the steps sent so far ({@code --think-seconds}), in nanoseconds. */
  long thinkNanos;

  long closeSent = NOT_REACHED;
  long closeDone = NOT_REACHED;
  long end = NOT_REACHED;

  SessionTimeline(int steps) {
    stepSent = new long[steps];
    stepDone = new long[steps];
    Arrays.fill(stepSent, NOT_REACHED);
    Arrays.fill(stepDone, NOT_REACHED);
  }

  public long start() {
    return start;
  }

  public long tcpConnected() {
    return tcpConnected;
  }

  /** When the TLS handshake completed (wss only). */
  public long tlsDone() {
    return tlsDone;
  }

  public long upgraded() {
    return upgraded;
  }

  public long resetSent() {
    return resetSent;
  }

  public long resetDone() {
    return resetDone;
  }

  public long stepSent(int i) {
    return stepSent[i];
  }

  public long stepDone(int i) {
    return stepDone[i];
  }

  public int stepsCompleted() {
    return stepsCompleted;
  }

  public int steps() {
    return stepSent.length;
  }

  public boolean episodeDone() {
    return episodeDone;
  }

  public long thinkNanos() {
    return thinkNanos;
  }

  public long closeSent() {
    return closeSent;
  }

  public long closeDone() {
    return closeDone;
  }

  public long end() {
    return end;
  }
}
