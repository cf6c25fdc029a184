package dev.openenvbench.capacity;

import dev.openenvbench.capacity.Probe.Stage;
import java.util.List;
import java.util.Locale;

/**
 * The answer of one search (mode × wait): the capacity, its bracket, how sure it is, what limits
 * it, and every probe behind it.
 *
 * @param capacity the largest N that passed every run (0 = none did)
 * @param failAt the smallest N that failed a run, or 0 when none did
 * @param resolved whether the bracket is as narrow as {@code --resolution} asks
 * @param endedOn the criterion the failing probes broke ({@code success_rate}, {@code latency_slo},
 *     {@code threshold}, {@code concurrency}, {@code incomplete}), or null when none failed
 * @param lowerBound the harness was saturated in a probe at or above the failing N (and the server
 *     did not refuse sessions itself): the failure may be the harness's, and the server may take
 *     more
 * @param confirmed every confirm run passed, and the search was not stopped
 */
public record CapacityResult(
    String mode,
    double waitSeconds,
    int capacity,
    int failAt,
    boolean resolved,
    String endedOn,
    LimitingFactor limit,
    boolean lowerBound,
    boolean confirmed,
    Confidence confidence,
    List<Probe> probes) {

  /**
   * How many runs each end of the bracket had: the capacity's (all passed) and the failing N's (how
   * many of them failed), and the confirm runs of the capacity.
   */
  public record Confidence(
      int capacityRuns, int failRuns, int failRunsFailed, int confirmRuns, int confirmPassed) {}

  static CapacityResult of(CapacitySchedule.Search s, String stoppedBy) {
    CapacitySearch search = s.search();
    List<Probe> probes = search.probes();
    // A probe the run stopped during is listed, but counts neither way.
    List<Probe> counted = probes.stream().filter(p -> !p.incomplete()).toList();
    int lo = search.lo();
    int hi = search.hi();
    List<Probe> failed = counted.stream().filter(p -> p.n() == hi && !p.passed()).toList();
    int confirms =
        (int) counted.stream().filter(p -> p.stage() == Stage.CONFIRM && p.n() == lo).count();
    int confirmsPassed =
        (int)
            counted.stream()
                .filter(p -> p.stage() == Stage.CONFIRM && p.n() == lo && p.passed())
                .count();
    LimitingFactor limit;
    if (!search.done() && stoppedBy != null) limit = LimitingFactor.stopped(stoppedBy);
    else if (!search.done()) limit = LimitingFactor.stopped("the run was aborted");
    else if (hi == 0) limit = LimitingFactor.maxSessions(search.max());
    else limit = LimitingFactor.of(failed, probes, s.waitSeconds());
    // The server refused sessions itself: no busy client causes that, so the answer stands.
    // Otherwise any probe at or above the failing N with the harness saturated counts, passed or
    // not: the self-monitor samples, and a run at the failing N may miss the lag another run of
    // the same N (or a larger N) saw. A failure under that load may be the harness's.
    boolean lowerBound =
        limit.kind() != LimitingFactor.Kind.SESSION_CAP
            && hi > 0
            && counted.stream().anyMatch(p -> p.n() >= hi && p.saturated());
    return new CapacityResult(
        s.mode().label(),
        s.waitSeconds(),
        lo,
        hi,
        search.bracketResolved(),
        failed.isEmpty() ? null : failed.getFirst().endedOn(),
        limit,
        lowerBound,
        search.done() && confirms == confirmsPassed,
        new Confidence(
            (int) counted.stream().filter(p -> p.n() == lo).count(),
            (int) counted.stream().filter(p -> p.n() == hi).count(),
            failed.size(),
            confirms,
            confirmsPassed),
        probes);
  }

  /**
   * The answer in one sentence, e.g. "ws, wait 1 s: capacity 96 sessions [96 pass, 100 fail],
   * limited by the server's session cap (…); 1 of 1 confirm runs passed".
   */
  public String sentence() {
    StringBuilder b = new StringBuilder();
    b.append(mode).append(", wait ").append(seconds(waitSeconds)).append(" s: ");
    if (capacity == 0) {
      b.append("no N passed (").append(failAt).append(" session(s) fail)");
    } else {
      b.append(String.format(Locale.ROOT, "capacity %,d sessions", capacity));
      b.append(
          failAt > 0
              ? String.format(Locale.ROOT, " [%,d pass, %,d fail]", capacity, failAt)
              : String.format(Locale.ROOT, " [%,d pass, none failed]", capacity));
    }
    // A stopped search has no limit yet: what it found is an answer so far.
    b.append(limit.kind() == LimitingFactor.Kind.STOPPED ? " so far: " : ", limited by ");
    b.append(limit.text());
    if (confidence.confirmRuns() > 0) {
      b.append(
          String.format(
              Locale.ROOT,
              "; %d of %d confirm runs passed",
              confidence.confirmPassed(),
              confidence.confirmRuns()));
    }
    if (!resolved && failAt > 0) b.append("; the bracket is wider than --resolution");
    if (lowerBound) {
      b.append(
          "; this is a LOWER BOUND: the harness was saturated at or above the failing N, so the"
              + " server may hold more (add --processes or more hosts)");
    }
    return b.toString();
  }

  /** A wait as people write it: 1, 0.2, 1.5. */
  static String seconds(double s) {
    return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
  }
}
