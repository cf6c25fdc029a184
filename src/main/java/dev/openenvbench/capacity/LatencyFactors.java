package dev.openenvbench.capacity;

import static dev.openenvbench.capacity.LimitingFactor.evidence;

import dev.openenvbench.capacity.LimitingFactor.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The factors of a probe that failed on latency: the server's CPU, a hidden limiter, or the latency
 * SLO itself with the phase that broke it. Each keeps the latency figures (and the server's CPU,
 * when it reports it) in its evidence, so that a reader sees the same numbers whichever is named.
 */
final class LatencyFactors {
  /** In-flight steps below this share of N count as "not growing with N" (Little's law). */
  static final double PLATEAU_FRACTION = 0.75;

  /**
   * Cores busy at or above this share of the server's cores count as "all of them": the CPU was
   * counted over the cell's whole wall time, connects and resets included, so a server whose steps
   * kept every core busy still averages a little below its count.
   */
  static final double CPU_BUSY_FRACTION = 0.8;

  private LatencyFactors() {}

  /**
   * The server's CPU, when a failed run at the bracket's upper end broke the latency SLO while the
   * server's workers kept at least {@value #CPU_BUSY_FRACTION} of their cores busy (their own
   * {@code process_cpu_seconds_total} over the cell's wall time); null otherwise, or when the
   * server reports no CPU or core count.
   */
  static LimitingFactor serverCpu(List<Probe> failed) {
    Probe p =
        failed.stream()
            .filter(q -> "latency_slo".equals(q.endedOn()) && q.serverCores().count() > 0)
            .filter(q -> q.serverCoresBusy() >= CPU_BUSY_FRACTION * q.serverCores().count())
            .findFirst()
            .orElse(null);
    if (p == null) return null;
    String phase = slowestPhase(p);
    return new LimitingFactor(
        Kind.SERVER_CPU,
        phase,
        String.format(
            Locale.ROOT,
            "the server's CPU (%s at N=%d; the latency SLO broke: %s)",
            coresBusy(p),
            p.n(),
            breach(p, phase)),
        latencyEvidence(p));
  }

  /** "1.9 of 2 cores busy": the server's CPU seconds over the probe's wall time. */
  static String coresBusy(Probe p) {
    return String.format(
        Locale.ROOT,
        "%.1f of %d core%s busy",
        p.serverCoresBusy(),
        p.serverCores().count(),
        p.serverCores().count() == 1 ? "" : "s");
  }

  /**
   * Little's law: if the server ran all N steps at once, steps in flight would be about N. In
   * flight far below N, and no higher than a smaller N already reached, while the probe failed on
   * latency, means something holds steps back below any session cap: a thread pool, a limiter, the
   * server's CPU. The plateau is that limit's size.
   */
  static LimitingFactor hiddenLimiter(Probe p, List<Probe> all, double waitSeconds) {
    if (!"latency_slo".equals(p.endedOn()) || !(waitSeconds > 0)) return null;
    if (!(p.stepOverheadP99() >= waitSeconds) || !(p.inFlight() < PLATEAU_FRACTION * p.n()))
      return null;
    boolean smallerReachedIt =
        all.stream()
            .anyMatch(q -> q.n() < p.n() && q.inFlight() >= PLATEAU_FRACTION * p.inFlight());
    if (!smallerReachedIt) return null;
    double plateau = all.stream().mapToDouble(Probe::inFlight).max().orElse(0);
    Map<String, Object> evidence = latencyEvidence(p);
    evidence.put("in_flight_max", plateau);
    return new LimitingFactor(
        Kind.HIDDEN_LIMITER,
        "step",
        String.format(
            Locale.ROOT,
            "a hidden limiter: about %.0f steps in flight at most (Little's law: steps done per"
                + " second × wait) while N grew to %d, so steps queue (%s%s)",
            plateau,
            p.n(),
            String.join("; ", p.failures()),
            cpuNote(p)),
        evidence);
  }

  /** The SLO broke, with no limiter in sight: name the phase that grew most. */
  static LimitingFactor latency(Probe p) {
    String phase = slowestPhase(p);
    return new LimitingFactor(
        Kind.LATENCY_SLO,
        phase,
        "the latency SLO (" + breach(p, phase) + cpuNote(p) + ")",
        latencyEvidence(p));
  }

  /** "total p99 1.612 s > 1.400 s; step p99 1.498 s, the largest part". */
  private static String breach(Probe p, String phase) {
    return String.format(
        Locale.ROOT,
        "%s; %s p99 %.3f s, the largest part",
        String.join("; ", p.failures()),
        phase,
        p99(p, phase));
  }

  /**
   * "; server CPU 0.3 of 1 core busy" when the server reports its CPU and cores: says the CPU was
   * not the limit (or, on a shared machine, that the server did not get its cores).
   */
  private static String cpuNote(Probe p) {
    boolean known = p.serverCores().count() > 0 && Double.isFinite(p.serverCoresBusy());
    return known ? "; server CPU " + coresBusy(p) : "";
  }

  /** The phase whose p99 went furthest beyond what the session asked for. */
  private static String slowestPhase(Probe p) {
    String phase = "step";
    double excess = p.stepOverheadP99();
    if (!(p.connectP99() <= excess)) {
      phase = "connect";
      excess = p.connectP99();
    }
    if (!(p.resetP99() <= excess)) phase = "reset";
    return phase;
  }

  private static double p99(Probe p, String phase) {
    return switch (phase) {
      case "connect" -> p.connectP99();
      case "reset" -> p.resetP99();
      default -> p.stepP99();
    };
  }

  /** Each phase's p99, steps in flight, and the server's CPU when it reports it. */
  private static Map<String, Object> latencyEvidence(Probe p) {
    Map<String, Object> m =
        new LinkedHashMap<>(
            evidence(
                "n", p.n(),
                "connect_p99", p.connectP99(),
                "reset_p99", p.resetP99(),
                "step_p99", p.stepP99(),
                "total_p99", p.totalP99(),
                "in_flight", p.inFlight(),
                "failures", p.failures()));
    if (Double.isFinite(p.serverCpuSeconds())) {
      m.put("server_cpu_seconds", p.serverCpuSeconds());
      m.put("wall_seconds", p.wallSeconds());
      m.put("server_cores_busy", p.serverCoresBusy());
    }
    if (p.serverCores().count() > 0) {
      m.put("server_cores", p.serverCores().count());
      m.put("server_cores_source", p.serverCores().source());
    }
    return m;
  }
}
