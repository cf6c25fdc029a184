package dev.openenvbench.report;

import java.util.List;
import java.util.Optional;

/**
 * The largest batch one infrastructure held in one mode, session shape and wait: the largest N
 * whose cell passes (see {@link Cell#passes()}).
 *
 * @param session the session shape, e.g. {@code 1 step} ({@link Cell#session()})
 * @param maxN the largest passing N; 0 when none passed
 * @param nextN the smallest tested N above {@code maxN} (it failed); 0 when there is none
 * @param gridTooCoarse the next tested N was more than {@value MaxBatchFinder#COARSE_RATIO}× the
 *     max, so the real limit is somewhere in a wide gap
 * @param atMax the passing cell at {@code maxN}, for the latency-at-max-load table
 * @param notes plain-language remarks: why the next N failed, gaps, saturation
 */
public record MaxBatch(
    String infra,
    String mode,
    String session,
    double waitSeconds,
    Limit limit,
    int maxN,
    int nextN,
    boolean gridTooCoarse,
    Optional<Cell> atMax,
    List<String> notes) {

  /** Whether the sweep located the limit. */
  public enum Limit {
    /** A passing N with a failing N above it. */
    FOUND,
    /** The largest N tested passed: the limit is higher. */
    NOT_REACHED,
    /** Even the smallest N tested failed. */
    NONE_PASSED,
    /** The run stopped in every N tested: nothing was measured to the end. */
    NOT_MEASURED
  }

  /**
   * "64", "≥ 256" (limit not reached), "< 1" (nothing passed: below the smallest N tested) or "not
   * measured" (the run stopped in every N).
   */
  public String display() {
    return switch (limit) {
      case FOUND -> Integer.toString(maxN);
      case NOT_REACHED -> "≥ " + maxN;
      case NONE_PASSED -> "< " + nextN;
      case NOT_MEASURED -> "not measured";
    };
  }
}
