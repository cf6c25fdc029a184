package dev.openenvbench.server;

import dev.openenvbench.protocol.WsDrop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's own counters, served on {@code /metrics} in Prometheus text format. Every meter
 * carries the worker's {@code pid}, so scraping several workers behind one port stays apart.
 *
 * <p>The gauges are also what tests assert on: {@link #activeSessions()} and {@link
 * #stepsInFlight()} say what the server holds at this instant, independent of any timing.
 */
public final class ServerMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger activeSessions = new AtomicInteger();
  private final AtomicInteger stepsInFlight = new AtomicInteger();
  private final AtomicInteger sessionsEnding = new AtomicInteger();
  private final AtomicLong receiveBuffered = new AtomicLong();
  private final Map<WsDrop, Counter> drops = new EnumMap<>(WsDrop.class);
  private final Counter callsCancelled;
  private final Counter sessionsOpened;
  private final Counter sessionsClosed;
  private final Counter capacityRejections;
  private final Counter steps;
  private final Timer stepDuration;
  private final Timer stepOverhead;

  /**
   * The step overhead histogram's bucket bounds. Fixed, cumulative Prometheus buckets rather than
   * Micrometer's percentiles: two scrapes subtract to exactly the histogram of the steps between
   * them (which is how {@code run} reads one cell), and several workers' buckets add up; a
   * summary's quantiles do neither. Ten bounds below 1 ms give the sub-millisecond resolution a
   * loopback server needs; above 10 ms the overhead is a fault, not a figure, so the bounds thin
   * out.
   */
  static final List<Duration> OVERHEAD_BUCKETS =
      java.util.stream.LongStream.of(
              10, 25, 50, 75, 100, 150, 200, 300, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000,
              7_500, 10_000, 25_000, 50_000, 100_000, 250_000, 1_000_000)
          .mapToObj(Duration::ofNanos)
          .map(d -> d.multipliedBy(1_000))
          .toList();

  public ServerMetrics() {
    registry.config().commonTags("pid", Long.toString(ProcessHandle.current().pid()));
    Gauge.builder("openenv.sessions.active", activeSessions, AtomicInteger::get)
        .description(
            "WebSocket session slots taken now: open sessions, and ended ones whose environment is still finishing")
        .register(registry);
    Gauge.builder("openenv.sessions.ending", sessionsEnding, AtomicInteger::get)
        .description(
            "sessions whose client is gone but whose environment is still ending a call or closing; each holds its slot")
        .register(registry);
    Gauge.builder("openenv.ws.receive.buffer", receiveBuffered, AtomicLong::get)
        .baseUnit("bytes")
        .description("memory held now for WebSocket messages still arriving (all connections)")
        .register(registry);
    for (WsDrop drop : WsDrop.values()) {
      drops.put(
          drop,
          Counter.builder("openenv.sessions.dropped")
              .tag("reason", drop.metricReason())
              .description("sessions the server closed under a slot rule, by rule")
              .register(registry));
    }
    callsCancelled =
        Counter.builder("openenv.calls.cancelled")
            .description(
                "environment calls (mostly steps) cancelled because their client went away")
            .register(registry);
    Gauge.builder("openenv.steps.in.flight", stepsInFlight, AtomicInteger::get)
        .description(
            "environment calls running now (create, reset, step, state, close); at a plateau, the sessions inside step")
        .register(registry);
    sessionsOpened = Counter.builder("openenv.sessions.opened").register(registry);
    sessionsClosed = Counter.builder("openenv.sessions.closed").register(registry);
    capacityRejections =
        Counter.builder("openenv.capacity.rejections")
            .description("WebSocket sessions refused with CAPACITY_REACHED")
            .register(registry);
    steps =
        Counter.builder("openenv.steps")
            .description("steps completed (HTTP and WebSocket)")
            .register(registry);
    stepDuration =
        Timer.builder("openenv.step.duration")
            .description("time inside Environment.step")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
    stepOverhead =
        Timer.builder("openenv.step.overhead")
            .description(
                "the server's own share of each step: reply written minus request (or frame)"
                    + " arrived minus the environment's step time (the requested wait for the"
                    + " benchmark)")
            .serviceLevelObjectives(OVERHEAD_BUCKETS.toArray(Duration[]::new))
            .register(registry);
    ProcessMeters.register(registry);
  }

  AtomicInteger activeSessionsCounter() {
    return activeSessions;
  }

  public int activeSessions() {
    return activeSessions.get();
  }

  public int stepsInFlight() {
    return stepsInFlight.get();
  }

  /** What the receive budget holds now; the budget itself adds and takes away. */
  AtomicLong receiveBufferedCounter() {
    return receiveBuffered;
  }

  /** Sessions whose client is gone and whose environment is still ending; they hold slots. */
  public int sessionsEnding() {
    return sessionsEnding.get();
  }

  /** Bytes of WebSocket messages still arriving, held now over all connections. */
  public long receiveBufferedBytes() {
    return receiveBuffered.get();
  }

  /** How many sessions were dropped under {@code rule}. */
  public long dropped(WsDrop rule) {
    return (long) drops.get(rule).count();
  }

  /** Environment calls stopped because their session ended while they ran. */
  public long callsCancelled() {
    return (long) callsCancelled.count();
  }

  void sessionDropped(WsDrop rule) {
    drops.get(rule).increment();
  }

  void callCancelled() {
    callsCancelled.increment();
  }

  void sessionEnding() {
    sessionsEnding.incrementAndGet();
  }

  void sessionEnded() {
    sessionsEnding.decrementAndGet();
  }

  void callStarted() {
    stepsInFlight.incrementAndGet();
  }

  void callEnded() {
    stepsInFlight.decrementAndGet();
  }

  void sessionOpened() {
    sessionsOpened.increment();
  }

  void sessionClosed() {
    sessionsClosed.increment();
  }

  void capacityRejected() {
    capacityRejections.increment();
  }

  void stepCompleted(long nanos) {
    steps.increment();
    stepDuration.record(Duration.ofNanos(nanos));
  }

  /** Records the server's own share of one step; see {@code openenv_step_overhead_seconds}. */
  void stepOverhead(long nanos) {
    stepOverhead.record(Duration.ofNanos(Math.max(0, nanos)));
  }

  /** Steps whose overhead was recorded (one per step reply written). */
  public long stepOverheadCount() {
    return stepOverhead.count();
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }
}
