package dev.openenvbench.loadgen;

import static dev.openenvbench.loadgen.SessionTimeline.NOT_REACHED;

import dev.openenvbench.results.SessionRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Turns a {@link SessionResult}'s nanosecond stamps into a {@link SessionRecord} in seconds,
 * relative to the cell's start. {@code connect_latency} = TCP connect + WS upgrade, as the seed
 * measured it; {@code step_latency} is the mean step round trip over completed steps.
 */
final class SessionRecords {
  private final CellPlan plan;
  private final long cellStartNanos;
  private final Instant cellStartInstant;

  SessionRecords(CellPlan plan, long cellStartNanos, Instant cellStartInstant) {
    this.plan = plan;
    this.cellStartNanos = cellStartNanos;
    this.cellStartInstant = cellStartInstant;
  }

  SessionRecord toRecord(SessionResult r) {
    SessionTimeline t = r.timeline();
    Observation o =
        r.observation() == null ? new Observation(null, null, null, null, null) : r.observation();
    SessionFailure f = r.failure();
    Double tcp = span(t.start(), t.tcpConnected());
    Double upgrade = span(t.tcpConnected(), t.upgraded());
    Double connect = plan.mode() == CellPlan.Mode.WS ? span(t.start(), t.upgraded()) : tcp;
    StepStats steps = StepStats.of(t);
    Instant started = cellStartInstant.plusNanos(t.start() - cellStartNanos);
    return new SessionRecord(
        r.requestId(),
        plan.mode().label(),
        started.truncatedTo(ChronoUnit.MICROS).toString(),
        plan.waitSeconds(),
        plan.numRequests(),
        plan.hardware(),
        connect,
        span(t.resetSent(), t.resetDone()),
        steps.mean(),
        span(t.start(), t.end()),
        o.waitedSeconds(),
        o.pid(),
        o.sessionHash(),
        o.hostUrl(),
        f == null,
        f == null ? null : f.errorType(),
        f == null ? null : f.message(),
        plan.repetition(),
        r.target().url(),
        plan.steps(),
        t.stepsCompleted(),
        tcp,
        plan.mode() == CellPlan.Mode.WS ? upgrade : null,
        span(t.closeSent(), t.closeDone()),
        steps.mean() == null ? null : steps.mean() - plan.waitSeconds(),
        steps.max(),
        f == null ? null : f.errorCode(),
        f instanceof SessionFailure.ServerError e ? e.activeSessions() : null,
        f instanceof SessionFailure.ServerError e ? e.maxSessions() : null,
        r.remoteAddress(),
        offset(t.start()),
        t.stepsCompleted() == 0 ? null : offset(t.stepSent(0)),
        t.stepsCompleted() == 0 ? null : offset(t.stepDone(t.stepsCompleted() - 1)));
  }

  private double offset(long nanos) {
    return (nanos - cellStartNanos) / 1e9;
  }

  static Double span(long from, long to) {
    if (from == NOT_REACHED || to == NOT_REACHED) return null;
    return (to - from) / 1e9;
  }

  /** Mean and max of the completed steps' round trips, in seconds (null when none). */
  record StepStats(Double mean, Double max) {
    static StepStats of(SessionTimeline t) {
      int n = t.stepsCompleted();
      if (n == 0) return new StepStats(null, null);
      long sum = 0;
      long max = 0;
      for (int i = 0; i < n; i++) {
        long d = t.stepDone(i) - t.stepSent(i);
        sum += d;
        max = Math.max(max, d);
      }
      return new StepStats(sum / 1e9 / n, max / 1e9);
    }
  }
}
