package dev.openenvbench.capacity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What stopped a capacity search, named from the evidence of its failing probes, with that evidence
 * (values as measured) and one phrase for the console sentence.
 *
 * @param phase for {@link Kind#LATENCY_SLO}, {@link Kind#SERVER_CPU} and {@link
 *     Kind#HIDDEN_LIMITER}: the phase whose p99 grew most (connect, reset or step); null otherwise
 */
public record LimitingFactor(Kind kind, String phase, String text, Map<String, Object> evidence) {
  /** The causes a search can name. */
  public enum Kind {
    /** The server refused sessions with CAPACITY_REACHED (its session cap). */
    SESSION_CAP,
    /** Connections were refused, timed out or the upgrade was rejected. */
    CONNECTION,
    /** Replies did not come within {@code --timeout}. */
    REPLY_TIMEOUT,
    /** This machine's limits (files, ports). */
    CLIENT_LIMIT,
    /** Other failures (connections closed, protocol errors, server errors). */
    SESSION_ERRORS,
    /** The server's workers kept (nearly) all their cores busy while the latency SLO broke. */
    SERVER_CPU,
    /** In-flight steps stopped growing with N while latency grew: a pool below any cap. */
    HIDDEN_LIMITER,
    /** A {@code --threshold} bound failed first (success rate and the SLO held). */
    THRESHOLD,
    /** A phase's latency broke the SLO. */
    LATENCY_SLO,
    /** The sessions did not overlap, so the probe did not test N at once. */
    NOT_CONCURRENT,
    /** The harness was saturated: the answer is a lower bound. */
    HARNESS,
    /** Nothing failed up to {@code --max-sessions}. */
    MAX_SESSIONS,
    /** {@code --budget-seconds} (or an abort) ended the search first. */
    STOPPED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Names the factor from the failed runs of the bracket's upper end and every probe of the search.
   *
   * @param failed the failed runs at the smallest failing N (not empty)
   * @param all every probe of the search, in order
   */
  static LimitingFactor of(List<Probe> failed, List<Probe> all, double waitSeconds) {
    Probe p = failed.getFirst();
    // A server's own refusal is evidence whatever the harness's state: a busy client cannot cause
    // CAPACITY_REACHED. Every other failure (latency, timeouts, failed connects) a saturated
    // harness may have caused itself.
    Probe refused = failed.stream().filter(q -> q.capacityRefusals() > 0).findFirst().orElse(null);
    if (refused != null && "success_rate".equals(refused.endedOn())) return sessionCap(refused);
    // A plateau is named even when the harness was busy; lower_bound then says it may have
    // made it worse.
    // A bound the user set is named when it is what failed first (success and the SLO held), as a
    // plateau is: lower_bound still says when the harness was busy in that probe.
    if (ProbeCheck.MeetsThreshold.CRITERION.equals(p.endedOn())) return threshold(p);
    // The server's own CPU counter names the resource a plateau of in-flight steps would only
    // hint at; the latency SLO's phase stays in its evidence.
    LimitingFactor cpu = LatencyFactors.serverCpu(failed);
    if (cpu != null) return cpu;
    LimitingFactor hidden = LatencyFactors.hiddenLimiter(p, all, waitSeconds);
    if (hidden != null) return hidden;
    Probe saturated = failed.stream().filter(Probe::saturated).findFirst().orElse(null);
    if (saturated != null) return harness(saturated);
    if ("success_rate".equals(p.endedOn())) return fromErrors(p);
    if ("concurrency".equals(p.endedOn())) {
      return new LimitingFactor(
          Kind.NOT_CONCURRENT,
          null,
          String.format(
              Locale.ROOT,
              "the sessions did not overlap (peak %d of N=%d in step at once): use --barrier",
              p.peakConcurrency(),
              p.n()),
          evidence("n", p.n(), "peak_concurrency", p.peakConcurrency()));
    }
    return LatencyFactors.latency(p);
  }

  private static LimitingFactor harness(Probe p) {
    return new LimitingFactor(
        Kind.HARNESS,
        null,
        String.format(
            Locale.ROOT,
            "the harness itself (saturated at N=%d: event-loop lag up to %.0f ms)",
            p.n(),
            p.loopLagMaxMs()),
        evidence("n", p.n(), "loop_lag_max_ms", p.loopLagMaxMs(), "failures", p.failures()));
  }

  /** The first failure is the threshold's: checks are recorded in order, endedOn is the first. */
  private static LimitingFactor threshold(Probe p) {
    String failure = p.failures().getFirst();
    return new LimitingFactor(
        Kind.THRESHOLD,
        null,
        String.format(Locale.ROOT, "%s at N=%d", failure, p.n()),
        evidence("n", p.n(), "threshold", failure, "failures", p.failures()));
  }

  private static LimitingFactor fromErrors(Probe p) {
    if (p.capacityRefusals() > 0) return sessionCap(p);
    Map.Entry<String, Integer> top =
        p.errors().entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
    String cause = top == null ? "unfinished" : top.getKey();
    Kind kind =
        cause.startsWith("connect_") || cause.startsWith("ws_handshake")
            ? Kind.CONNECTION
            : cause.startsWith("read_timeout")
                ? Kind.REPLY_TIMEOUT
                : cause.startsWith("client_limit") ? Kind.CLIENT_LIMIT : Kind.SESSION_ERRORS;
    String what =
        switch (kind) {
          case CONNECTION -> "connection failures";
          case REPLY_TIMEOUT -> "reply timeouts";
          case CLIENT_LIMIT -> "this machine's client limits (files, ports)";
          default -> "session failures";
        };
    return new LimitingFactor(
        kind,
        null,
        String.format(
            Locale.ROOT,
            "%s (%s ×%d at N=%d)",
            what,
            cause,
            top == null ? 0 : top.getValue(),
            p.n()),
        evidence("n", p.n(), "success_rate", p.successRate(), "errors", p.errors()));
  }

  private static LimitingFactor sessionCap(Probe p) {
    int cap = p.serverMaxSessions();
    int workers = p.serverProcesses();
    String counts;
    if (cap > 0 && workers > 0) {
      counts =
          String.format(
              Locale.ROOT, "%d worker(s) × %d sessions = %d", workers, cap, workers * cap);
    } else if (cap > 0) {
      counts = cap + " sessions per worker";
    } else {
      counts = "no counts in the replies";
    }
    return new LimitingFactor(
        Kind.SESSION_CAP,
        null,
        String.format(
            Locale.ROOT,
            "the server's session cap (CAPACITY_REACHED: %s; %d of N=%d refused)",
            counts,
            p.capacityRefusals(),
            p.n()),
        evidence(
            "n", p.n(),
            "capacity_reached", p.capacityRefusals(),
            "server_max_sessions", cap,
            "server_active_sessions", p.serverActiveSessions(),
            "server_processes", workers));
  }

  static LimitingFactor maxSessions(int max) {
    return new LimitingFactor(
        Kind.MAX_SESSIONS,
        null,
        "nothing up to --max-sessions " + max + " (raise it to search further)",
        evidence("max_sessions", max));
  }

  static LimitingFactor stopped(String why) {
    return new LimitingFactor(
        Kind.STOPPED,
        null,
        "stopped before the search finished (" + why + ")",
        evidence("reason", why));
  }

  /** The evidence map of {@code key, value, key, value …}, in that order. */
  static Map<String, Object> evidence(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
    return m;
  }
}
