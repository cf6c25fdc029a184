package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.BenchmarkObservation;
import dev.openenvbench.protocol.ServerReply;

/**
 * The benchmark environment's observation, as far as the harness records it. Missing keys are null,
 * so a server with another environment still yields a usable row. The wire reading is {@link
 * BenchmarkObservation}'s; this is the harness's copy of it for its result records.
 */
public record Observation(
    Double waitedSeconds, Long pid, String sessionHash, String hostUrl, Integer stepCount) {

  /** The observation of a reset or step reply. */
  static Observation from(ServerReply.Observation reply) {
    BenchmarkObservation o = BenchmarkObservation.from(reply.observation());
    return new Observation(o.waitedSeconds(), o.pid(), o.sessionHash(), o.hostUrl(), o.stepCount());
  }
}
