package dev.openenvbench.capacity;

import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.Phase;
import dev.openenvbench.results.PhaseStats;
import dev.openenvbench.results.SeedCriterion;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.verdict.Check;
import dev.openenvbench.verdict.Threshold;
import dev.openenvbench.verdict.Thresholds;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One pass criterion of a capacity probe. A probe passes when every check passes: the two built-in
 * ones, then one {@link MeetsThreshold} per {@code --threshold} expression.
 */
public interface ProbeCheck {
  /** Which criterion this is, for {@code ended_on} in capacity.json. */
  String criterion();

  /** Why the cell fails this check, in words with the measured value; empty when it passes. */
  Optional<String> failure(CellSummary s);

  /** Successful sessions over N ≥ the threshold (the seed's 0.95). */
  record SuccessRate(double threshold) implements ProbeCheck {
    public SuccessRate {
      if (!(threshold > 0 && threshold <= 1)) {
        throw new IllegalArgumentException(
            "--success-threshold must be in (0, 1], got " + threshold);
      }
    }

    @Override
    public String criterion() {
      return "success_rate";
    }

    @Override
    public Optional<String> failure(CellSummary s) {
      double rate = rate(s);
      if (rate >= threshold) return Optional.empty();
      return Optional.of(
          String.format(Locale.ROOT, "success %.1f%% < %.1f%%", 100 * rate, 100 * threshold));
    }

    static double rate(CellSummary s) {
      int n = s.key().numRequests();
      return n == 0 ? 0 : (double) s.successful() / n;
    }
  }

  /**
   * The latency SLO on a p99: the whole session's ({@link Phase#TOTAL}) for one step, each step's
   * ({@link Phase#STEP}) for several. No successful session means no p99, which fails.
   */
  record LatencySlo(Phase phase, double p99Seconds) implements ProbeCheck {
    /**
     * The SLO for the session shape: total p99 ≤ {@code perWait} (the seed's 2 × (wait + 0.5 s), or
     * an experiment file's {@code success_criteria}) for one step and no think time, the same bound
     * on each step's p99 for several; {@code givenSeconds} (from {@code --p99-slo}) replaces the
     * bound. A step without a wait has no default: the user must say.
     */
    public static LatencySlo of(
        double waitSeconds, int steps, Double givenSeconds, SeedCriterion.LatencyLimit perWait) {
      Phase phase = steps == 1 ? Phase.TOTAL : Phase.STEP;
      if (givenSeconds != null) {
        if (!(givenSeconds > 0)) {
          throw new IllegalArgumentException("--p99-slo must be > 0 seconds, got " + givenSeconds);
        }
        return new LatencySlo(phase, givenSeconds);
      }
      if (waitSeconds <= 0) {
        throw new IllegalArgumentException(
            "wait 0 has no default latency SLO (the seed's is 2 × (wait + 0.5 s) for a wait that"
                + " is the work): give --p99-slo SECONDS");
      }
      return new LatencySlo(phase, perWait.p99Seconds(waitSeconds));
    }

    @Override
    public String criterion() {
      return "latency_slo";
    }

    @Override
    public Optional<String> failure(CellSummary s) {
      PhaseStats p = s.phase(phase);
      if (p == null) return Optional.of(phase.columnPrefix() + " p99: no successful session");
      if (p.p99() <= p99Seconds) return Optional.empty();
      return Optional.of(
          String.format(
              Locale.ROOT, "%s p99 %.3f s > %.3f s", phase.columnPrefix(), p.p99(), p99Seconds));
    }
  }

  /**
   * One {@code --threshold} expression, evaluated by {@link Thresholds#check} on the probe's own
   * summary row (as summary.csv holds it), so that {@code run}, {@code capacity} and the report
   * judge a bound the same way.
   */
  record MeetsThreshold(Threshold threshold) implements ProbeCheck {
    /** The {@code ended_on} of a probe that failed a threshold first. */
    public static final String CRITERION = "threshold";

    @Override
    public String criterion() {
      return CRITERION;
    }

    @Override
    public Optional<String> failure(CellSummary s) {
      List<Check> checks = new Thresholds(List.of(threshold)).check(List.of(SummaryColumns.of(s)));
      // One row is one configuration: one check. None (no row) cannot happen, but would fail.
      if (checks.size() == 1 && checks.getFirst().passed()) return Optional.empty();
      String outcome = checks.isEmpty() ? "nothing was measured" : checks.getFirst().outcome();
      return Optional.of("threshold " + threshold + ": " + outcome);
    }
  }
}
