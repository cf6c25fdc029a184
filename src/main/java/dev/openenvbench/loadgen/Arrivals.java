package dev.openenvbench.loadgen;

import dev.openenvbench.results.OpenLoop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run --arrival-rate}: open-loop cells, whose sessions start on a schedule instead of as a
 * batch. Each rate of {@code ratesPerSecond} is a cell (per mode, wait and repetition) whose
 * arrivals come for {@code durationSeconds}, evenly spaced or, with {@code poisson}, with
 * exponential gaps drawn from {@code seed} (every repetition replays the same arrival times). At
 * most {@code maxInFlight} sessions run at once; an arrival beyond the bound waits for a free slot
 * (and its latencies count that wait, since they are measured from its intended start), and those
 * still waiting when the window closes are dropped.
 */
public record Arrivals(
    List<Double> ratesPerSecond,
    double durationSeconds,
    boolean poisson,
    long seed,
    int maxInFlight) {

  /** The most arrivals one cell may plan: its schedule is generated as it goes, but N is an int. */
  static final double MAX_SESSIONS = 100_000_000;

  public Arrivals {
    ratesPerSecond = List.copyOf(ratesPerSecond);
    if (ratesPerSecond.isEmpty()) throw new IllegalArgumentException("--arrival-rate: no rate");
    for (double r : ratesPerSecond) {
      if (!(r > 0) || r > 1e6) {
        throw new IllegalArgumentException(
            "--arrival-rate must be > 0 and ≤ 1000000 sessions per second, not " + r);
      }
    }
    if (!(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
      throw new IllegalArgumentException(
          "--arrival-rate needs --duration SECONDS > 0: how long sessions keep arriving");
    }
    double most = ratesPerSecond.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    if (most * durationSeconds > MAX_SESSIONS) {
      throw new IllegalArgumentException(
          "--arrival-rate × --duration plans more than 100000000 sessions in a cell");
    }
    if (maxInFlight < 1) throw new IllegalArgumentException("--max-in-flight must be ≥ 1");
  }

  /** The schedule of one cell at {@code ratePerSecond}, one of {@link #ratesPerSecond}. */
  public OpenLoop cell(double ratePerSecond) {
    return new OpenLoop(ratePerSecond, durationSeconds, poisson, seed, maxInFlight);
  }

  /** For the run manifest (and so for {@code --resume}, which compares it). */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rates_per_second", ratesPerSecond);
    m.put("duration_seconds", durationSeconds);
    m.put("process", poisson ? "poisson" : "constant");
    m.put("seed", poisson ? seed : null);
    m.put("max_in_flight", maxInFlight);
    return m;
  }
}
