package dev.openenvbench.loadgen;

import static dev.openenvbench.loadgen.SessionTimeline.NOT_REACHED;
import static dev.openenvbench.results.RawFields.ACTIVE_SESSIONS;
import static dev.openenvbench.results.RawFields.ARRIVAL_RATE;
import static dev.openenvbench.results.RawFields.BACKEND;
import static dev.openenvbench.results.RawFields.BARRIER;
import static dev.openenvbench.results.RawFields.BATCH_SIZE;
import static dev.openenvbench.results.RawFields.CELL_ID;
import static dev.openenvbench.results.RawFields.CLOSE_LATENCY;
import static dev.openenvbench.results.RawFields.CONNECT_LATENCY;
import static dev.openenvbench.results.RawFields.EPISODE_DONE;
import static dev.openenvbench.results.RawFields.ERROR_CODE;
import static dev.openenvbench.results.RawFields.ERROR_MESSAGE;
import static dev.openenvbench.results.RawFields.ERROR_TYPE;
import static dev.openenvbench.results.RawFields.HARDWARE;
import static dev.openenvbench.results.RawFields.HOST_URL;
import static dev.openenvbench.results.RawFields.INTENDED_START_OFFSET;
import static dev.openenvbench.results.RawFields.MAX_SESSIONS;
import static dev.openenvbench.results.RawFields.MODE;
import static dev.openenvbench.results.RawFields.PID;
import static dev.openenvbench.results.RawFields.RAMP_SECONDS;
import static dev.openenvbench.results.RawFields.REMOTE_ADDRESS;
import static dev.openenvbench.results.RawFields.REPETITION;
import static dev.openenvbench.results.RawFields.REQUEST_ID;
import static dev.openenvbench.results.RawFields.RESET_LATENCY;
import static dev.openenvbench.results.RawFields.RETRY_AFTER;
import static dev.openenvbench.results.RawFields.RUN_ID;
import static dev.openenvbench.results.RawFields.SESSION_HASH;
import static dev.openenvbench.results.RawFields.START_DELAY;
import static dev.openenvbench.results.RawFields.START_OFFSET;
import static dev.openenvbench.results.RawFields.STEPS;
import static dev.openenvbench.results.RawFields.STEPS_COMPLETED;
import static dev.openenvbench.results.RawFields.STEP_END_OFFSET;
import static dev.openenvbench.results.RawFields.STEP_LATENCY;
import static dev.openenvbench.results.RawFields.STEP_LATENCY_MAX;
import static dev.openenvbench.results.RawFields.STEP_OVERHEAD;
import static dev.openenvbench.results.RawFields.STEP_START_OFFSET;
import static dev.openenvbench.results.RawFields.SUCCESS;
import static dev.openenvbench.results.RawFields.TCP_CONNECT_LATENCY;
import static dev.openenvbench.results.RawFields.THINK_SECONDS;
import static dev.openenvbench.results.RawFields.TIMESTAMP;
import static dev.openenvbench.results.RawFields.TLS_HANDSHAKE_LATENCY;
import static dev.openenvbench.results.RawFields.TOTAL_LATENCY;
import static dev.openenvbench.results.RawFields.URL;
import static dev.openenvbench.results.RawFields.WAITED_SECONDS;
import static dev.openenvbench.results.RawFields.WAIT_REQUESTED;
import static dev.openenvbench.results.RawFields.WS_UPGRADE_LATENCY;

import dev.openenvbench.protocol.BenchmarkObservation;
import dev.openenvbench.results.CellAccumulator;
import dev.openenvbench.results.CellId;
import dev.openenvbench.results.SessionRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Turns a {@link SessionResult}'s nanosecond stamps into a {@link SessionRecord} in seconds,
 * relative to the cell's start. {@code connect_latency} = TCP connect + WS upgrade, as the seed
 * measured it; {@code step_latency} is the mean step round trip over completed steps. In an
 * open-loop cell the session's start delay (actual − intended start) is added to {@code
 * connect_latency} and {@code total_latency}, which then start at the intended start.
 */
final class SessionRecords {
  private final CellPlan plan;
  private final CellId cell;
  private final long cellStartNanos;
  private final Instant cellStartInstant;

  SessionRecords(CellPlan plan, CellId cell, long cellStartNanos, Instant cellStartInstant) {
    this.plan = plan;
    this.cell = cell;
    this.cellStartNanos = cellStartNanos;
    this.cellStartInstant = cellStartInstant;
  }

  /**
   * @param intendedNanos when an open-loop schedule meant the session to start, or {@link
   *     SessionTimeline#NOT_REACHED} in a batch cell
   */
  SessionRecord toRecord(SessionResult r, long intendedNanos) {
    SessionTimeline t = r.timeline();
    BenchmarkObservation o =
        r.observation() == null
            ? new BenchmarkObservation(null, null, null, null, null)
            : r.observation();
    SessionFailure f = r.failure();
    boolean ws = plan.mode() == CellPlan.Mode.WS;
    Double tcp = span(t.start(), t.tcpConnected());
    StepStats steps = StepStats.of(t, plan);
    Instant started = cellStartInstant.plusNanos(t.start() - cellStartNanos);
    boolean reachedStep = t.stepsCompleted() > 0;
    Double delay = span(intendedNanos, t.start());
    return SessionRecord.builder()
        .set(REQUEST_ID, r.requestId())
        .set(MODE, plan.mode().label())
        .set(TIMESTAMP, started.truncatedTo(ChronoUnit.MICROS).toString())
        .set(WAIT_REQUESTED, plan.waitSeconds())
        .set(BATCH_SIZE, plan.numRequests())
        .set(HARDWARE, plan.hardware())
        .set(CONNECT_LATENCY, plus(ws ? span(t.start(), t.upgraded()) : tcp, delay))
        .set(RESET_LATENCY, span(t.resetSent(), t.resetDone()))
        .set(STEP_LATENCY, steps.mean())
        .set(TOTAL_LATENCY, plus(span(t.start(), t.end()), delay))
        .set(WAITED_SECONDS, o.waitedSeconds())
        .set(PID, o.pid())
        .set(SESSION_HASH, o.sessionHash())
        .set(HOST_URL, o.hostUrl())
        .set(SUCCESS, f == null)
        .set(ERROR_TYPE, f == null ? null : f.errorType())
        .set(ERROR_MESSAGE, f == null ? null : plan.workload().headers().redact(f.message()))
        .set(REPETITION, plan.repetition())
        .set(URL, r.target().url())
        .set(STEPS, plan.steps())
        .set(STEPS_COMPLETED, t.stepsCompleted())
        .set(TCP_CONNECT_LATENCY, tcp)
        .set(WS_UPGRADE_LATENCY, ws ? span(t.tcpConnected(), t.upgraded()) : null)
        .set(CLOSE_LATENCY, span(t.closeSent(), t.closeDone()))
        .set(STEP_OVERHEAD, steps.overhead())
        .set(STEP_LATENCY_MAX, steps.max())
        .set(ERROR_CODE, f == null ? null : f.errorCode())
        .set(ACTIVE_SESSIONS, f instanceof SessionFailure.ServerError e ? e.activeSessions() : null)
        .set(MAX_SESSIONS, f instanceof SessionFailure.ServerError e ? e.maxSessions() : null)
        .set(REMOTE_ADDRESS, r.remoteAddress())
        .set(START_OFFSET, offset(t.start()))
        .set(STEP_START_OFFSET, reachedStep ? offset(t.stepSent(0)) : null)
        .set(STEP_END_OFFSET, reachedStep ? offset(t.stepDone(t.stepsCompleted() - 1)) : null)
        .set(BARRIER, plan.barrier())
        .set(RAMP_SECONDS, plan.rampSeconds())
        .set(RUN_ID, cell.runId())
        .set(CELL_ID, cell.toString())
        .set(RETRY_AFTER, f instanceof SessionFailure.ProxyRefusal p ? p.retryAfter() : null)
        .set(BACKEND, r.backend())
        .set(TLS_HANDSHAKE_LATENCY, span(t.tcpConnected(), t.tlsDone()))
        .set(EPISODE_DONE, t.episodeDone())
        .set(THINK_SECONDS, t.thinkNanos() / 1e9)
        .set(ARRIVAL_RATE, rate())
        .set(INTENDED_START_OFFSET, delay == null ? null : offset(intendedNanos))
        .set(START_DELAY, delay)
        .build();
  }

  /**
   * The row of a session that had started at {@code startNanos} and was still running when the run
   * stopped at {@code stopNanos}: what is known of it, with {@code error_type} {@code unfinished}.
   * Its phases are not recorded: they were being written by the event loop.
   */
  SessionRecord unfinished(int requestId, InFlight.Started start, long stopNanos, String reason) {
    long startNanos = start.nanos();
    Target target = start.target();
    Double delay = span(start.intendedNanos(), startNanos);
    Instant started = cellStartInstant.plusNanos(startNanos - cellStartNanos);
    return SessionRecord.builder()
        .set(REQUEST_ID, requestId)
        .set(MODE, plan.mode().label())
        .set(TIMESTAMP, started.truncatedTo(ChronoUnit.MICROS).toString())
        .set(WAIT_REQUESTED, plan.waitSeconds())
        .set(BATCH_SIZE, plan.numRequests())
        .set(HARDWARE, plan.hardware())
        .set(TOTAL_LATENCY, plus((stopNanos - startNanos) / 1e9, delay))
        .set(SUCCESS, false)
        .set(ERROR_TYPE, CellAccumulator.UNFINISHED)
        .set(ERROR_MESSAGE, "the run stopped before this session finished (" + reason + ")")
        .set(REPETITION, plan.repetition())
        .set(URL, target.url())
        .set(STEPS, plan.steps())
        .set(START_OFFSET, offset(startNanos))
        .set(BARRIER, plan.barrier())
        .set(RAMP_SECONDS, plan.rampSeconds())
        .set(RUN_ID, cell.runId())
        .set(CELL_ID, cell.toString())
        .set(ARRIVAL_RATE, rate())
        .set(INTENDED_START_OFFSET, delay == null ? null : offset(start.intendedNanos()))
        .set(START_DELAY, delay)
        .build();
  }

  private Double rate() {
    return plan.openLoop() == null ? null : plan.openLoop().ratePerSecond();
  }

  private static Double plus(Double latency, Double delay) {
    // Not a conditional expression: its double type would unbox a null latency.
    if (latency == null || delay == null) return latency;
    return latency + delay;
  }

  private double offset(long nanos) {
    return (nanos - cellStartNanos) / 1e9;
  }

  static Double span(long from, long to) {
    if (from == NOT_REACHED || to == NOT_REACHED) return null;
    return (to - from) / 1e9;
  }

  /**
   * Mean and max of the completed steps' round trips, and their mean overhead over the waits they
   * asked for, in seconds (null when none; overhead null too when a step's action asked no wait).
   */
  record StepStats(Double mean, Double max, Double overhead) {
    static StepStats of(SessionTimeline t, CellPlan plan) {
      int n = t.stepsCompleted();
      if (n == 0) return new StepStats(null, null, null);
      long sum = 0;
      long max = 0;
      double waits = 0;
      boolean allWait = true;
      for (int i = 0; i < n; i++) {
        long d = t.stepDone(i) - t.stepSent(i);
        sum += d;
        max = Math.max(max, d);
        Double w = plan.workload().actions().waitSeconds(i, plan.waitSeconds());
        if (w == null) allWait = false;
        else waits += w;
      }
      double mean = sum / 1e9 / n;
      return new StepStats(mean, max / 1e9, allWait ? mean - waits / n : null);
    }
  }
}
