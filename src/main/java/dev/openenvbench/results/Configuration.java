package dev.openenvbench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a user asked of one cell, apart from its repetition: the fields whose {@link Field.Role} is
 * {@code SETTING}. Rows with equal configurations are repetitions of one measurement and are
 * combined (report, thresholds, compare); rows that differ in any setting never are. Files without
 * a setting (the seed's, format 1's raw.jsonl) read its {@link Field#absent()} value: the seed's
 * session shape of one step, no barrier, no ramp.
 */
public record Configuration(
    String mode,
    int numRequests,
    double waitSeconds,
    int steps,
    boolean barrier,
    double rampSeconds) {

  /** By mode, then the session shape, then wait, then N: a sweep's cells in reading order. */
  public static final Comparator<Configuration> ORDER =
      Comparator.comparing(Configuration::mode)
          .thenComparing(Configuration::session)
          .thenComparingDouble(Configuration::waitSeconds)
          .thenComparingInt(Configuration::numRequests);

  public static Configuration of(SummaryRecord r) {
    return new Configuration(
        r.mode(),
        r.numRequests(),
        r.get(SummaryColumns.WAIT_SECONDS),
        r.get(SummaryColumns.STEPS),
        r.get(SummaryColumns.BARRIER),
        r.get(SummaryColumns.RAMP_SECONDS));
  }

  /** A session's configuration; N is 0 when its file did not record {@code batch_size}. */
  public static Configuration of(SessionRecord r) {
    Integer n = r.get(RawFields.BATCH_SIZE);
    Double wait = r.get(RawFields.WAIT_REQUESTED);
    return new Configuration(
        r.get(RawFields.MODE).toLowerCase(Locale.ROOT),
        n == null ? 0 : n,
        wait == null ? Double.NaN : wait,
        r.get(RawFields.STEPS),
        r.get(RawFields.BARRIER),
        r.get(RawFields.RAMP_SECONDS));
  }

  /**
   * The session shape in words, e.g. {@code 1 step} (the seed's), {@code 4 steps, barrier, ramp 2
   * s}: what tells apart configurations that share mode, N and wait.
   */
  public String session() {
    List<String> parts = new ArrayList<>();
    parts.add(steps == 1 ? "1 step" : steps + " steps");
    if (barrier) parts.add("barrier");
    if (rampSeconds != 0) parts.add("ramp " + number(rampSeconds) + " s");
    return String.join(", ", parts);
  }

  /** The same configuration at another N: the line a sweep over N draws. */
  public Configuration withN(int n) {
    return new Configuration(mode, n, waitSeconds, steps, barrier, rampSeconds);
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
