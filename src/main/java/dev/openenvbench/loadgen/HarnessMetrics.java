package dev.openenvbench.loadgen;

import com.sun.net.httpserver.HttpServer;
import dev.openenvbench.results.CellKey;
import dev.openenvbench.results.Field;
import dev.openenvbench.results.Phase;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.SessionRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The harness's own live metrics ({@code run --metrics-port P}), served as Prometheus text on
 * {@code http://HOST:P/metrics} while the run lasts: sessions started, finished, failed by {@code
 * error_type}, in flight; each session's phase latencies as histograms (buckets, no percentiles);
 * the running cell's labels; event-loop lag and CPU. Counted from the rows as they are written to
 * raw.jsonl, so a scrape after the run agrees with the files. Thread-safe: sessions start on event
 * loops and are recorded on the recorder thread; scrapes run on the endpoint's own thread.
 *
 * <p>{@link #NONE} (no port) records nothing and serves nothing.
 */
public final class HarnessMetrics implements AutoCloseable {
  /** The phases of a raw.jsonl row that get a histogram, by their {@code phase} tag. */
  private static final Map<String, Field<Double>> PHASES = phases();

  /**
   * The histograms' bucket bounds: a 1-2.5-5 ladder from 1 ms to 10 min, fine enough to see a 1 s
   * step grow by tens of ms, and few enough (18) that 7 phases stay a small scrape. Exact
   * percentiles are in summary.csv; these are for live dashboards.
   */
  private static final Duration[] BUCKETS = buckets();

  public static final HarnessMetrics NONE = new HarnessMetrics();

  private final PrometheusMeterRegistry registry;
  private final HttpServer server;
  private final Counter started;
  private final Counter finished;
  private final AtomicLong inFlight = new AtomicLong();
  private final Map<String, Counter> failed = new ConcurrentHashMap<>();
  private final Map<String, Timer> phases = new LinkedHashMap<>();
  private volatile Meter.Id cellInfo;

  private HarnessMetrics() {
    registry = null;
    server = null;
    started = null;
    finished = null;
  }

  private HarnessMetrics(HttpServer server) {
    this.server = server;
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    started =
        Counter.builder("openenv.bench.sessions.started")
            .description("sessions the harness started")
            .register(registry);
    finished =
        Counter.builder("openenv.bench.sessions.finished")
            .description("sessions written to raw.jsonl, successful or not")
            .register(registry);
    Gauge.builder("openenv.bench.sessions.in.flight", inFlight, AtomicLong::get)
        .description("sessions started and not yet written")
        .register(registry);
    PHASES.forEach(
        (phase, field) ->
            phases.put(
                phase,
                Timer.builder("openenv.bench.session.phase")
                    .tag("phase", phase)
                    .description("per session, the raw.jsonl field " + field.name())
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry)));
    new ProcessorMetrics().bindTo(registry);
    server.createContext("/metrics", exchange -> serve(exchange, registry.scrape()));
  }

  /**
   * Starts the endpoint on {@code port} (0: a free one, see {@link #port}) of every interface.
   *
   * @throws IllegalArgumentException the port cannot be bound (a one-line reason)
   */
  public static HarnessMetrics serve(int port) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 16);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--metrics-port " + port + ": cannot listen (" + e.getMessage() + ")", e);
    }
    HarnessMetrics m = new HarnessMetrics(server);
    server.setExecutor(
        Executors.newSingleThreadExecutor(Thread.ofPlatform().name("metrics").daemon().factory()));
    server.start();
    return m;
  }

  /** False for {@link #NONE}: then rows need not be read for it at all. */
  boolean serving() {
    return registry != null;
  }

  /** The port the endpoint listens on; -1 for {@link #NONE}. */
  public int port() {
    return server == null ? -1 : server.getAddress().getPort();
  }

  /** Adds the event-loop lag gauges of the run's monitor. */
  public void watch(SelfMonitor monitor) {
    if (registry == null) return;
    Gauge.builder("openenv.bench.harness.event.loop.lag", monitor, m -> m.lagLastMs() / 1e3)
        .baseUnit("seconds")
        .description("how late the latest probe task ran on an event loop (sampled every 100 ms)")
        .register(registry);
    Gauge.builder("openenv.bench.harness.event.loop.lag.max", monitor, m -> m.lagMaxMs() / 1e3)
        .baseUnit("seconds")
        .description("the longest event-loop lag in the running cell")
        .register(registry);
  }

  /** The running cell: its labels replace the previous cell's on {@code cell_info}. */
  public void cellStarted(CellKey key) {
    if (registry == null) return;
    Meter.Id old = cellInfo;
    if (old != null) registry.remove(old);
    cellInfo =
        Gauge.builder("openenv.bench.cell.info", () -> 1)
            .description("labels of the cell running now (value 1)")
            .tag("cell_id", key.cellId())
            .tag("mode", key.mode())
            .tag("num_requests", Integer.toString(key.numRequests()))
            .tag("wait_seconds", String.format(Locale.ROOT, "%s", key.waitSeconds()))
            .tag("repetition", Integer.toString(key.repetition()))
            .tag("steps", Integer.toString(key.steps()))
            .register(registry)
            .getId();
  }

  void sessionStarted() {
    if (registry == null) return;
    started.increment();
    inFlight.incrementAndGet();
  }

  /**
   * A child's row merged into raw.jsonl ({@code --processes}): the parent never saw it start, so it
   * counts as started and finished at once.
   */
  void shardSessionMerged(SessionRecord rec) {
    if (registry == null) return;
    started.increment();
    inFlight.incrementAndGet();
    sessionWritten(rec);
  }

  /** A row written to raw.jsonl: one session finished (or declared unfinished). */
  void sessionWritten(SessionRecord rec) {
    if (registry == null) return;
    finished.increment();
    inFlight.decrementAndGet();
    if (!rec.success()) {
      String type = rec.get(RawFields.ERROR_TYPE);
      failed
          .computeIfAbsent(
              type == null ? "unknown" : type,
              t ->
                  Counter.builder("openenv.bench.sessions.failed")
                      .tag("error_type", t)
                      .description("sessions that failed, by raw.jsonl error_type")
                      .register(registry))
          .increment();
    }
    PHASES.forEach(
        (phase, field) -> {
          Double seconds = rec.get(field);
          if (seconds != null && seconds >= 0) {
            phases.get(phase).record(Duration.ofNanos(Math.round(seconds * 1e9)));
          }
        });
  }

  private static void serve(com.sun.net.httpserver.HttpExchange exchange, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, Field<Double>> phases() {
    Map<String, Field<Double>> m = new LinkedHashMap<>();
    m.put(Phase.CONNECT.columnPrefix(), RawFields.CONNECT_LATENCY);
    m.put(Phase.TCP_CONNECT.columnPrefix(), RawFields.TCP_CONNECT_LATENCY);
    m.put(Phase.WS_UPGRADE.columnPrefix(), RawFields.WS_UPGRADE_LATENCY);
    m.put(Phase.RESET.columnPrefix(), RawFields.RESET_LATENCY);
    m.put(Phase.STEP.columnPrefix(), RawFields.STEP_LATENCY);
    m.put(Phase.CLOSE.columnPrefix(), RawFields.CLOSE_LATENCY);
    m.put(Phase.TOTAL.columnPrefix(), RawFields.TOTAL_LATENCY);
    return m;
  }

  private static Duration[] buckets() {
    double[] seconds = {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 60, 120, 300, 600
    };
    Duration[] d = new Duration[seconds.length];
    for (int i = 0; i < seconds.length; i++) d[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
    return d;
  }

  @Override
  public void close() {
    if (server != null) server.stop(0);
  }
}
