package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.BenchmarkObservation;
import java.util.function.Consumer;

/**
 * Everything a session driver needs besides the transport: what to do, the clock to stamp phases
 * with, the gate before the first step, live counters, and where the one result goes.
 */
public record SessionContext(
    SessionSpec spec,
    NanoClock clock,
    StepGate gate,
    CellProgress progress,
    Consumer<SessionResult> sink) {

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
