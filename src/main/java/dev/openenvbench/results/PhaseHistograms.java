package dev.openenvbench.results;

import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One HdrHistogram per {@link Phase}, values in microseconds, 3 significant digits (a recorded
 * value is within 0.1% of the truth). Histograms of repetitions or of shards run by several
 * processes are combined with {@link #add}, which is exact: percentiles are never averaged. Not
 * thread-safe; the owner serialises access.
 */
public final class PhaseHistograms {
  static final int SIGNIFICANT_DIGITS = 3;
  private final Map<Phase, Histogram> byPhase = new EnumMap<>(Phase.class);

  public PhaseHistograms() {
    for (Phase p : Phase.values()) {
      Histogram h = new Histogram(SIGNIFICANT_DIGITS);
      h.setAutoResize(true);
      byPhase.put(p, h);
    }
  }

  /** Records one value in seconds; negative values (clock granularity) are recorded as 0. */
  public void recordSeconds(Phase phase, double seconds) {
    long micros = Math.max(0, Math.round(seconds * 1e6));
    byPhase.get(phase).recordValue(micros);
  }

  public Histogram histogram(Phase phase) {
    return byPhase.get(phase);
  }

  /** Adds every value of {@code other} to this one, phase by phase. */
  public void add(PhaseHistograms other) {
    for (Phase p : Phase.values()) {
      byPhase.get(p).add(other.byPhase.get(p));
    }
  }

  /** Percentiles and extremes of one phase in seconds, or {@code null} if nothing was recorded. */
  public PhaseStats stats(Phase phase) {
    Histogram h = byPhase.get(phase);
    if (h.getTotalCount() == 0) {
      return null;
    }
    return new PhaseStats(
        percentile(h, 50),
        percentile(h, 90),
        percentile(h, 95),
        percentile(h, 99),
        seconds(h.getMinValue()),
        seconds(h.getMaxValue()),
        h.getMean() / 1e6,
        h.getTotalCount());
  }

  /** The middle of the percentile's bucket: at most half a bucket (0.05%) from a recorded value. */
  private static double percentile(Histogram h, double p) {
    return seconds(h.medianEquivalentValue(h.getValueAtPercentile(p)));
  }

  private static double seconds(long micros) {
    return micros / 1e6;
  }
}
