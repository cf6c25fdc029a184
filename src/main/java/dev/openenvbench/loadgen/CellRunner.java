package dev.openenvbench.loadgen;

import dev.openenvbench.results.AbandonedSlots;
import dev.openenvbench.results.CellAccumulator;
import dev.openenvbench.results.CellId;
import dev.openenvbench.results.CellKey;
import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.HarnessLoad;
import dev.openenvbench.results.OutputWriteException;
import dev.openenvbench.results.PhaseHistograms;
import dev.openenvbench.results.RawJsonlWriter;
import dev.openenvbench.results.SessionRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one cell: starts its N sessions (all at once, or spread over the ramp), streams each
 * finished session to {@code raw.jsonl} and the cell's accumulator, and waits until all have
 * finished or the run is aborted. An aborted cell keeps what finished and is marked incomplete.
 * Blocks the calling thread; sessions run on the transport's event loops.
 */
public final class CellRunner {
  private final ClientTransport transport;
  private final NanoClock clock;
  private final int httpConnections;
  private final HarnessMetrics metrics;
  private final Connection abandon;

  public CellRunner(ClientTransport transport, NanoClock clock, int httpConnections) {
    this(transport, clock, httpConnections, HarnessMetrics.NONE, null);
  }

  /**
   * @param metrics the live metrics each started and recorded session is counted in
   * @param abandon the run's {@code --abandon}: its share of each cell's sessions vanish mid-step
   *     and a probe watches their slots after them (null: no session is abandoned)
   */
  public CellRunner(
      ClientTransport transport,
      NanoClock clock,
      int httpConnections,
      HarnessMetrics metrics,
      Connection abandon) {
    this.transport = transport;
    this.clock = clock;
    this.httpConnections = httpConnections;
    this.metrics = metrics;
    this.abandon = abandon == null || abandon.abandonFraction() == 0 ? null : abandon;
  }

  /**
   * A finished (or aborted) cell: its summary row, the histograms behind it, and the server pids
   * its successful sessions reported (whose {@code /metrics} describe the cell).
   */
  public record CellResult(CellSummary summary, PhaseHistograms histograms, Set<Long> pids) {}

  /**
   * @param cell the cell's id in the run (its rows and histograms carry it)
   */
  public CellResult run(
      CellPlan plan,
      CellId cell,
      RawJsonlWriter raw,
      SelfMonitor monitor,
      AbortSignal abort,
      CellProgress progress)
      throws InterruptedException {
    long startNanos =
        plan.shard() == null ? clock.nanoTime() : waitUntil(plan.shard().startAtNanos());
    Instant startInstant = Instant.now();
    CellKey key = key(plan, cell, startInstant);
    CellAccumulator acc = new CellAccumulator(key);
    metrics.cellStarted(key);
    SessionRecords records = new SessionRecords(plan, cell, startNanos, startInstant);
    CountDownLatch remaining = new CountDownLatch(plan.sessions());
    InFlight inFlight = new InFlight();
    AtomicLong lastEnd = new AtomicLong(startNanos);
    ServerWatch watch = new ServerWatch(plan.targets(), plan.workload().headers(), abort);
    StepGate gate = plan.barrier() ? StepGate.barrier(plan.sessions()) : StepGate.open();
    // Recording (building the row, raw.jsonl, histograms) runs on a thread of its own, so that a
    // burst of finishing sessions does not delay the event loops that stamp the next replies.
    ExecutorService recorder =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().name("recorder").daemon().factory());
    monitor.reset();
    Abandonment abandonment = abandon == null ? null : new Abandonment(abandon, plan.numRequests());
    AbandonWatch watching =
        abandonment == null
            ? null
            : AbandonWatch.start(
                AbandonProbe.before(plan.targets(), abandonment, clock),
                abandonment,
                progress,
                abandon.abandonProbeSeconds(),
                abort);
    HarnessLoad load = null;
    AbandonedSlots abandoned = AbandonedSlots.NONE;
    try (Abandonment silentUntilProbed = abandonment;
        SessionDriver driver = driver(plan, abandonment)) {
      for (int i = 0; i < plan.sessions() && !abort.triggered(); i++) {
        int id = plan.firstRequestId() + i;
        SessionSpec spec =
            new SessionSpec(
                id,
                plan.targets().get(id % plan.targets().size()),
                plan.waitSeconds(),
                plan.steps(),
                plan.timeoutSeconds(),
                plan.workload());
        SessionContext ctx =
            new SessionContext(
                spec,
                clock,
                gate,
                progress,
                r -> {
                  if (abandonment != null) abandonment.ended(r);
                  if (!inFlight.finished(r.requestId())) return; // declared unfinished already
                  lastEnd.accumulateAndGet(r.timeline().end(), Math::max);
                  recorder.execute(
                      () -> {
                        try {
                          SessionRecord rec = records.toRecord(r);
                          acc.add(rec);
                          raw.write(rec);
                          metrics.sessionWritten(rec);
                          if (r.failure() != null) watch.onFailure(r.failure());
                        } catch (OutputWriteException e) {
                          abort.failOutput(e);
                        } finally {
                          remaining.countDown();
                        }
                      });
                });
        Runnable start =
            () -> {
              if (inFlight.started(id, spec.target(), clock.nanoTime())) {
                metrics.sessionStarted();
                driver.start(ctx);
              }
            };
        startAt(start, plan.rampSeconds() * i / plan.sessions());
      }
      while (!remaining.await(50, TimeUnit.MILLISECONDS)) {
        if (abort.triggered()) break;
      }
      watch.awaitProbe();
      // Sessions still running now never finish as far as the files go: each gets its row, as
      // unfinished, so raw.jsonl accounts for every session that started.
      long stoppedAt = clock.nanoTime();
      inFlight
          .stop()
          .forEach(
              (id, started) ->
                  recorder.execute(
                      () -> {
                        try {
                          SessionRecord rec =
                              records.unfinished(
                                  id, started.target(), started.nanos(), stoppedAt, abort.reason());
                          acc.add(rec);
                          raw.write(rec);
                          metrics.sessionWritten(rec);
                        } catch (OutputWriteException e) {
                          abort.failOutput(e);
                        }
                      }));
      gate.releaseAll();
      if (watching != null) {
        // The cell's window ends here: the probe's wait is not the cell's load.
        load = monitor.snapshot();
        abandoned = watching.result(AbandonProbe.sessions(transport, clock, plan));
      }
    } finally {
      // Everything that finished before the cell ended is written, even on abort.
      recorder.shutdown();
      recorder.awaitTermination(1, TimeUnit.MINUTES);
    }
    boolean incomplete = abort.triggered();
    long end = incomplete ? clock.nanoTime() : lastEnd.get();
    CellSummary summary =
        acc.summarize(
                (end - startNanos) / 1e9, load == null ? monitor.snapshot() : load, incomplete)
            .withAbandoned(abandoned);
    return new CellResult(summary, acc.histograms(), acc.pids());
  }

  /** Sleeps until the shared start instant of a sharded cell; a late process starts at once. */
  private long waitUntil(long startAtNanos) throws InterruptedException {
    for (long left; (left = startAtNanos - clock.nanoTime()) > 0; ) {
      Thread.sleep(Math.max(1, left / 1_000_000));
    }
    return startAtNanos;
  }

  private void startAt(Runnable start, double delaySeconds) {
    if (delaySeconds <= 0) {
      start.run();
    } else {
      transport.group().schedule(start, Math.round(delaySeconds * 1e9), TimeUnit.NANOSECONDS);
    }
  }

  private SessionDriver driver(CellPlan plan, Abandonment abandonment) {
    return switch (plan.mode()) {
      case WS -> new WsSessionDriver(transport, abandonment);
      case HTTP -> new HttpSessionDriver(transport, clock, httpConnections, plan.timeoutSeconds());
    };
  }

  /** The identity of a cell's summary row; shards of one cell share it. */
  static CellKey key(CellPlan plan, CellId cell, Instant start) {
    return new CellKey(
        cell.runId(),
        cell.toString(),
        plan.mode().label(),
        plan.url(),
        plan.numRequests(),
        plan.waitSeconds(),
        plan.repetition(),
        start.truncatedTo(ChronoUnit.SECONDS).toString(),
        plan.hardware(),
        plan.steps(),
        plan.barrier(),
        plan.rampSeconds());
  }
}
