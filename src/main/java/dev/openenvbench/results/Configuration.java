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
 *
 * <p>An open-loop cell's configuration has its {@code arrivalRate} and N = 0: its N is the sessions
 * it started, an outcome, so its repetitions combine whatever N each reached, and it is never
 * mistaken for a batch of that N. A batch cell's {@code arrivalRate} is 0. Its {@code arrival} is
 * the rest of its schedule in words ({@link #arrival(String, Double, Integer)}: the process, the
 * window and the bound on sessions in flight), so that cells of one rate run for different windows
 * or bounds are not taken for repetitions of one another; empty for a batch cell, and for a
 * raw.jsonl row, which records the rate alone (the report draws open-loop cells from summary.csv).
 */
public record Configuration(
    String mode,
    int numRequests,
    double waitSeconds,
    int steps,
    boolean barrier,
    double rampSeconds,
    double arrivalRate,
    String arrival) {

  /** By mode, then the session shape, then wait, then N: a sweep's cells in reading order. */
  public static final Comparator<Configuration> ORDER =
      Comparator.comparing(Configuration::mode)
          .thenComparing(Configuration::session)
          .thenComparingDouble(Configuration::waitSeconds)
          .thenComparingDouble(Configuration::arrivalRate)
          .thenComparing(Configuration::arrival)
          .thenComparingInt(Configuration::numRequests);

  public static Configuration of(SummaryRecord r) {
    Double rate = r.get(SummaryColumns.ARRIVAL_RATE);
    return new Configuration(
        r.mode(),
        rate == null ? r.numRequests() : 0,
        r.get(SummaryColumns.WAIT_SECONDS),
        r.get(SummaryColumns.STEPS),
        r.get(SummaryColumns.BARRIER),
        r.get(SummaryColumns.RAMP_SECONDS),
        rate == null ? 0 : rate,
        rate == null
            ? ""
            : arrival(
                r.get(SummaryColumns.ARRIVAL_PROCESS),
                r.get(SummaryColumns.ARRIVAL_SECONDS),
                r.get(SummaryColumns.MAX_IN_FLIGHT)));
  }

  /**
   * An open-loop cell's schedule apart from its rate, e.g. {@code poisson for 30 s, ≤ 500 in
   * flight}; what a file did not record is left out. The one place this text is made: {@code
   * loadgen.Resume} matches a planned cell to its rows by it.
   */
  public static String arrival(String process, Double seconds, Integer maxInFlight) {
    List<String> parts = new ArrayList<>();
    String head = process == null ? "" : process;
    if (seconds != null) head = (head + " for " + number(seconds) + " s").strip();
    if (!head.isEmpty()) parts.add(head);
    if (maxInFlight != null) parts.add("≤ " + maxInFlight + " in flight");
    return String.join(", ", parts);
  }

  /** A session's configuration; N is 0 when its file did not record {@code batch_size}. */
  public static Configuration of(SessionRecord r) {
    Integer n = r.get(RawFields.BATCH_SIZE);
    Double wait = r.get(RawFields.WAIT_REQUESTED);
    Double rate = r.get(RawFields.ARRIVAL_RATE);
    return new Configuration(
        r.get(RawFields.MODE).toLowerCase(Locale.ROOT),
        n == null || rate != null ? 0 : n,
        wait == null ? Double.NaN : wait,
        r.get(RawFields.STEPS),
        r.get(RawFields.BARRIER),
        r.get(RawFields.RAMP_SECONDS),
        rate == null ? 0 : rate,
        "");
  }

  /** Whether this is an open-loop configuration (sessions started at a rate, not as a batch). */
  public boolean openLoop() {
    return arrivalRate > 0;
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
    if (openLoop()) {
      parts.add(number(arrivalRate) + " sessions/s" + (arrival.isEmpty() ? "" : " " + arrival));
    }
    return String.join(", ", parts);
  }

  /** The same configuration at another N: the line a sweep over N draws. */
  public Configuration withN(int n) {
    return new Configuration(
        mode, n, waitSeconds, steps, barrier, rampSeconds, arrivalRate, arrival);
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
