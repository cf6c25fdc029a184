package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.BenchmarkObservation;
import java.util.function.Consumer;

/**
 * Everything a session driver needs besides the transport: what to do, the clock to stamp phases
 * with, the gate before the first step, live counters, who is told when the session has opened, and
 * where the one result goes.
 *
 * @param opened told once, with the session's timeline, when its reset is sent (its connect, TLS
 *     and upgrade are over): lets the next session of the cell's open window start
 */
public record SessionContext(
    SessionSpec spec,
    NanoClock clock,
    StepGate gate,
    CellProgress progress,
    Consumer<SessionResult> sink,
    Consumer<SessionTimeline> opened) {

  public SessionContext(
      SessionSpec spec,
      NanoClock clock,
      StepGate gate,
      CellProgress progress,
      Consumer<SessionResult> sink) {
    this(spec, clock, gate, progress, sink, t -> {});
  }

  /** The reset is on its way: the session's opening is over. Call once, after stamping it. */
  void readyForReset(SessionTimeline timeline) {
    opened.accept(timeline);
  }

  /** The reset is done: counted. Call once. */
  void resetDone() {
    progress.markResetDone();
  }

  /** Counts the session's outcome and hands its one result to the sink. Call exactly once. */
  void finish(
      SessionTimeline timeline,
      BenchmarkObservation observation,
      SessionFailure failure,
      String remoteAddress) {
    finish(timeline, observation, failure, remoteAddress, null);
  }

  /**
   * @param backend a backend-identifying header of the server's answers, or null
   */
  void finish(
      SessionTimeline timeline,
      BenchmarkObservation observation,
      SessionFailure failure,
      String remoteAddress,
      String backend) {
    (failure == null ? progress.succeeded : progress.failed).incrementAndGet();
    sink.accept(
        new SessionResult(
            spec.requestId(),
            spec.target(),
            timeline,
            observation,
            failure,
            remoteAddress,
            backend));
  }
}
