package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.BenchmarkObservation;

/**
 * How one session ended: its phase stamps, the last observation it received (null if none) and,
 * when it failed, why. Never thrown: every session ends as exactly one of these.
 *
 * @param backend a backend-identifying header of the server's answers ({@link BackendHeader}), or
 *     null
 */
public record SessionResult(
    int requestId,
    Target target,
    SessionTimeline timeline,
    BenchmarkObservation observation,
    SessionFailure failure,
    String remoteAddress,
    String backend) {

  public boolean success() {
    return failure == null;
  }
}
