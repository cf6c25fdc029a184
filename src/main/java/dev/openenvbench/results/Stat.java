package dev.openenvbench.results;

/** A statistic of one phase's histogram, as a summary.csv column suffix ({@code total_p99}). */
public enum Stat {
  MIN("min"),
  MAX("max"),
  AVG("avg"),
  P50("p50"),
  P90("p90"),
  P95("p95"),
  P99("p99");

  private final String suffix;

  Stat(String suffix) {
    this.suffix = suffix;
  }

  public String suffix() {
    return suffix;
  }

  public String description() {
    return switch (this) {
      case MIN -> "minimum";
      case MAX -> "maximum";
      case AVG -> "mean";
      default -> suffix + " (" + suffix.substring(1) + "th percentile)";
    };
  }

  public double of(PhaseStats s) {
    return switch (this) {
      case MIN -> s.min();
      case MAX -> s.max();
      case AVG -> s.avg();
      case P50 -> s.p50();
      case P90 -> s.p90();
      case P95 -> s.p95();
      case P99 -> s.p99();
    };
  }
}
