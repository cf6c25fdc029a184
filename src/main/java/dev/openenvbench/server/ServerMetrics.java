package dev.openenvbench.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

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
  private final Counter sessionsOpened;
  private final Counter sessionsClosed;
  private final Counter capacityRejections;
  private final Counter steps;
  private final Timer stepDuration;

  public ServerMetrics() {
    registry.config().commonTags("pid", Long.toString(ProcessHandle.current().pid()));
    Gauge.builder("openenv.sessions.active", activeSessions, AtomicInteger::get)
        .description("WebSocket sessions open now")
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

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }
}
