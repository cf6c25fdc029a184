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
import dev.openenvbench.results.TimeSeriesFile;
import io.netty.channel.EventLoop;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Runs one cell: starts its N sessions (all at once, or spread over the ramp; an open-loop cell's
 * on its arrival schedule), streams each finished session to {@code raw.jsonl} and the cell's
 * accumulator, and waits until all have finished or the run is aborted. An aborted cell keeps what
 * finished and is marked incomplete. Blocks the calling thread; sessions run on the transport's
 * event loops.
 */
public final class CellRunner {
  private final ClientTransport transport;
  private final NanoClock clock;
  private final int httpConnections;
  private final HarnessMetrics metrics;
  private final TimeSeriesFile timeSeries;
  private final Connection abandon;
  private final int openWindow;
  private final Connection release;

  public CellRunner(ClientTransport transport, NanoClock clock, int httpConnections) {
    this(transport, clock, httpConnections, HarnessMetrics.NONE, null, null);
  }

  /**
   * @param metrics the live metrics each started and recorded session is counted in
   * @param timeSeries where each cell's per-second rows go, or null for none
   * @param connection the run's connection settings: {@code --abandon} (its share of each cell's
   *     sessions vanish mid-step and a probe watches their slots after them) and {@code
   *     --open-window}; null for neither
   */
  public CellRunner(
      ClientTransport transport,
      NanoClock clock,
      int httpConnections,
      HarnessMetrics metrics,
      TimeSeriesFile timeSeries,
      Connection connection) {
    this.transport = transport;
    this.clock = clock;
    this.httpConnections = httpConnections;
    this.metrics = metrics;
    this.timeSeries = timeSeries;
    this.abandon = connection == null || connection.abandonFraction() == 0 ? null : connection;
    this.openWindow = connection == null ? 0 : connection.openWindow();
    // Warm-ups and probes (no connection given) let a barrier's steps go in one burst.
    this.release = connection == null ? Connection.DEFAULT.withReleaseRate(0) : connection;
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
    // Recording (building the row, raw.jsonl, histograms) runs on a thread of its own, so that a
    // burst of finishing sessions does not delay the event loops that stamp the next replies.
    ExecutorService recorder =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().name("recorder").daemon().factory());
    monitor.reset();
    CellTimeSeries series =
        timeSeries == null
            ? null
            : CellTimeSeries.start(
                timeSeries, key, clock, startNanos, startInstant, progress, abort);
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
    Sessions sessions;
    try (Abandonment silentUntilProbed = abandonment;
        SessionDriver driver = driver(plan, abandonment)) {
      sessions =
          new Sessions(plan, cell, startNanos, startInstant, acc, raw, abort, progress, recorder);
      sessions.series = series;
      sessions.driver = driver;
      sessions.abandonment = abandonment;
      OpenLoopStarter pacer = plan.openLoop() == null ? null : sessions.pace();
      if (pacer == null) sessions.startBatch();
      while (!sessions.outstanding.await(50)) {
        if (abort.triggered()) break;
      }
      if (pacer != null) acc.scheduleEnded(pacer.scheduled(), pacer.dropped());
      sessions.watch.awaitProbe();
      sessions.recordUnfinished();
      if (watching != null) {
        // The cell's window ends here: the probe's wait is not the cell's load.
        load = monitor.snapshot();
        abandoned = watching.result(AbandonProbe.sessions(transport, clock, plan));
      }
    } finally {
      // Everything that finished before the cell ended is written, even on abort.
      recorder.shutdown();
      recorder.awaitTermination(1, TimeUnit.MINUTES);
      if (series != null) series.close();
    }
    boolean incomplete = abort.triggered();
    long end = incomplete ? clock.nanoTime() : sessions.lastEnd.get();
    CellSummary summary =
        acc.summarize(
                (end - startNanos) / 1e9, load == null ? monitor.snapshot() : load, incomplete)
            .withAbandoned(abandoned);
    return new CellResult(summary, acc.histograms(), acc.pids());
  }

  /**
   * The sessions of one running cell: how each starts, where its row goes, and the cell's shared
   * state. Sessions start and finish on event loops and are recorded on the recorder thread.
   */
  private final class Sessions {
    private final CellPlan plan;
    private final long startNanos;
    private final CellAccumulator acc;
    private final RawJsonlWriter raw;
    private final AbortSignal abort;
    private final CellProgress progress;
    private final ExecutorService recorder;
    private final SessionRecords records;
    private final InFlight inFlight = new InFlight();
    private final Outstanding outstanding = new Outstanding();
    private final AtomicLong lastEnd;
    private final ServerWatch watch;
    private final StepGate gate;
    private SessionDriver driver;
    private CellTimeSeries series;
    private Abandonment abandonment;
    // An open-loop cell's pacing: the loop its starter is confined to, told of each finish.
    private OpenLoopStarter pacer;
    private EventLoop pacerLoop;
    // --open-window: the sessions of a batch cell still to start, each when one has opened.
    private OpenWindow window;

    Sessions(
        CellPlan plan,
        CellId cell,
        long startNanos,
        Instant startInstant,
        CellAccumulator acc,
        RawJsonlWriter raw,
        AbortSignal abort,
        CellProgress progress,
        ExecutorService recorder) {
      this.plan = plan;
      this.startNanos = startNanos;
      this.acc = acc;
      this.raw = raw;
      this.abort = abort;
      this.progress = progress;
      this.recorder = recorder;
      this.records = new SessionRecords(plan, cell, startNanos, startInstant);
      this.lastEnd = new AtomicLong(startNanos);
      this.watch =
          new ServerWatch(
              plan.targets(),
              plan.workload().headers(),
              abort,
              () -> (long) progress.resetDone.get() + progress.succeeded.get());
      this.gate =
          plan.barrier()
              ? StepGate.barrier(
                  plan.sessions(),
                  release.releasePerSecond(
                      plan.sessions(), plan.segment().count(), plan.waitSeconds()))
              : StepGate.open();
    }

    /**
     * All N sessions through the open window (its own width by default, W with --open-window W), or
     * all at once (--open-window 0; auto with --barrier or over HTTP), or spread evenly over the
     * ramp.
     */
    void startBatch() {
      // Also when W ≥ N: every cell of a grid then has its start delays, wide windows too. auto
      // windows WebSocket cells without a barrier: a barrier's steps fall due only once all N
      // have opened, and all at once opens them soonest; HTTP's connects are bounded by its pool
      // already, and a request on a pooled connection is ready at once, which says nothing of
      // the queues.
      boolean auto = openWindow == Connection.OPEN_WINDOW_AUTO;
      boolean windowed =
          openWindow > 0 || auto && !plan.barrier() && plan.mode() == CellPlan.Mode.WS;
      if (windowed && plan.rampSeconds() == 0) {
        for (int i = 0; i < plan.sessions(); i++) outstanding.started();
        // Every session was due at the cell start: its wait for a turn is part of its connect.
        IntConsumer startOne =
            i -> {
              if (abort.triggered()) {
                outstanding.recorded(); // the cell stopped first: this one never runs
              } else {
                start(plan.firstRequestId() + i, startNanos);
              }
            };
        window =
            auto
                // A process of --processes K (or --segment) finds its own width.
                ? OpenWindow.adaptive(plan.sessions(), startOne, transport.group())
                // W is the cell's: a process of --processes K (or --segment) opens its share.
                : OpenWindow.fixed(
                    plan.sessions(), plan.segment().share(openWindow), startOne, transport.group());
        window.open();
        outstanding.noMoreStarts();
        return;
      }
      for (int i = 0; i < plan.sessions() && !abort.triggered(); i++) {
        int id = plan.firstRequestId() + i;
        outstanding.started();
        startAt(
            () -> start(id, SessionTimeline.NOT_REACHED), plan.rampSeconds() * i / plan.sessions());
      }
      outstanding.noMoreStarts();
    }

    /** Starts the open-loop schedule on one event loop, which then paces every arrival. */
    OpenLoopStarter pace() {
      var schedule = plan.openLoop();
      // Split over processes: every K-th arrival of the one schedule, and a K-th of the bound.
      Segment segment = plan.segment();
      pacerLoop = transport.group().next();
      pacer =
          new OpenLoopStarter(
              clock,
              new ArrivalTimes(schedule, segment),
              startNanos,
              schedule.durationSeconds(),
              segment.share(schedule.maxInFlight()),
              (index, intended) -> {
                outstanding.started();
                // Its index in the whole schedule: arrivals start in order, and only the last
                // ones are ever dropped.
                start(segment.index() + index * segment.count(), intended);
              });
      pacerLoop.execute(
          new Runnable() {
            @Override
            public void run() {
              if (abort.triggered()) pacer.close();
              long wait = pacer.tick();
              if (wait < 0) {
                outstanding.noMoreStarts();
              } else {
                pacerLoop.schedule(this, wait, TimeUnit.NANOSECONDS);
              }
            }
          });
      return pacer;
    }

    private void start(int id, long intendedNanos) {
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
              this::finished,
              window == null ? t -> {} : t -> window.opened(t.resetSent() - t.start()));
      if (inFlight.started(id, spec.target(), clock.nanoTime(), intendedNanos)) {
        metrics.sessionStarted();
        try {
          driver.start(ctx);
        } catch (RuntimeException e) {
          // Not started at all: it fails as a session does, so its turn of the window, its place
          // at the barrier and its row are not lost, and the cell still ends.
          gate.leave();
          gate.closes().leave();
          SessionTimeline t = new SessionTimeline(plan.steps());
          t.start = t.end = clock.nanoTime();
          ctx.finish(
              t,
              null,
              new SessionFailure.ConnectError("the harness could not start it: " + e),
              null);
        }
      } else {
        outstanding.recorded(); // the cell stopped first: this session never runs
      }
    }

    private void finished(SessionResult r) {
      if (abandonment != null) abandonment.ended(r);
      // One that failed before it opened (its reset sent) gives its turn on as well.
      if (window != null && r.timeline().resetSent() == SessionTimeline.NOT_REACHED) {
        window.failed();
      } else if (window != null
          && r.failure() != null
          && r.timeline().resetDone() == SessionTimeline.NOT_REACHED) {
        window.failedAfterTurn(); // its turn went on with its reset: only the width changes
      }
      InFlight.Started started = inFlight.finished(r.requestId());
      if (started == null) return; // declared unfinished already
      if (pacer != null) pacerLoop.execute(pacer::finished);
      lastEnd.accumulateAndGet(r.timeline().end(), Math::max);
      recorder.execute(
          () -> {
            try {
              SessionRecord rec = records.toRecord(r, started.intendedNanos());
              write(rec);
              if (r.failure() != null) watch.onFailure(r.failure());
            } finally {
              outstanding.recorded();
            }
          });
    }

    /**
     * Sessions still running now never finish as far as the files go: each gets its row, as
     * unfinished, so raw.jsonl accounts for every session that started.
     */
    void recordUnfinished() {
      long stoppedAt = clock.nanoTime();
      inFlight
          .stop()
          .forEach(
              (id, started) ->
                  recorder.execute(
                      () -> write(records.unfinished(id, started, stoppedAt, abort.reason()))));
      gate.releaseAll();
    }

    private void write(SessionRecord rec) {
      try {
        acc.add(rec);
        raw.write(rec);
        metrics.sessionWritten(rec);
        if (series != null) series.recorded(rec);
      } catch (OutputWriteException e) {
        abort.failOutput(e);
      }
    }
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
        plan.rampSeconds(),
        plan.openLoop());
  }
}
