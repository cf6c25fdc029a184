package dev.openenvbench.loadgen;

import dev.openenvbench.launch.ChildJvm;
import dev.openenvbench.results.CellId;
import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.ConsoleReport;
import dev.openenvbench.results.FormatVersion;
import dev.openenvbench.results.HistogramLog;
import dev.openenvbench.results.OutputWriteException;
import dev.openenvbench.results.RawJsonlWriter;
import dev.openenvbench.results.ResultFolder;
import dev.openenvbench.results.RunId;
import dev.openenvbench.results.RunManifest;
import dev.openenvbench.results.SummaryCsvWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * Runs a whole {@link RunConfig}: starts a local server when no URL was given, checks limits before
 * any load, runs the cells in order, writes files and console tables as each cell ends, and stops
 * early (keeping everything finished) when aborted. Data goes to {@code out}, progress and notices
 * to {@code err}.
 */
public final class RunService {
  /**
   * @param hostShortfalls cells that reached fewer distinct hosts than expected
   * @param outputFailure the first result file that could not be written, or null
   * @param runId the run's id, as in its rows and its manifest
   * @param skippedCells the cells a segment reached only after their deadline, so ran not at all
   */
  public record RunOutcome(
      List<CellSummary> cells,
      String abortReason,
      List<String> hostShortfalls,
      OutputWriteException outputFailure,
      String runId,
      List<String> skippedCells) {}

  private final NanoClock clock;
  private final ChildJvm jvm;
  private final PrintWriter out;
  private final PrintStream err;
  private final HarnessMetrics metrics;

  /**
   * @param jvm how to start a local server or the children of {@code --processes}
   */
  public RunService(NanoClock clock, ChildJvm jvm, PrintWriter out, PrintStream err) {
    this(clock, jvm, out, err, HarnessMetrics.NONE);
  }

  /**
   * @param metrics the live metrics the run's sessions are counted in ({@code --metrics-port}); the
   *     caller serves and closes them
   */
  public RunService(
      NanoClock clock, ChildJvm jvm, PrintWriter out, PrintStream err, HarnessMetrics metrics) {
    this.clock = clock;
    this.jvm = jvm;
    this.out = out;
    this.err = err;
    this.metrics = metrics;
  }

  /** The clock the run stamps its phases with. */
  public NanoClock clock() {
    return clock;
  }

  public RunOutcome run(RunConfig cfg, AbortSignal abort, Consumer<CellProgress> onCellStart)
      throws IOException, InterruptedException {
    return run(cfg, null, abort, onCellStart);
  }

  /**
   * @param schedule the cells to run, or null for {@code cfg}'s grid (less what {@code --resume}
   *     found done)
   */
  public RunOutcome run(
      RunConfig cfg, CellSchedule schedule, AbortSignal abort, Consumer<CellProgress> onCellStart)
      throws IOException, InterruptedException {
    LocalServer local = null;
    Thread timer = null;
    FutureTask<List<RunManifest.Server>> servers = null;
    // Before anything reads a server: the side requests trust what the sessions trust.
    try (TlsTrust.Installed trust = TlsTrust.installDefault(cfg.connection())) {
      List<String> problems = preflight(cfg);
      if (!problems.isEmpty())
        throw new IllegalArgumentException(
            "pre-flight check failed:\n  " + String.join("\n  ", problems));
      // Before any load: a folder that cannot take this run's rows is refused now, not mid-run.
      ResultFolder folder =
          cfg.outputDir() == null
              ? null
              : ResultFolder.prepare(cfg.outputDir(), n -> err.println("openenv-bench run: " + n));
      Resume resume = folder != null && cfg.resume() ? Resume.of(cfg, folder.dir()) : Resume.NONE;
      if (cfg.resume()) err.println("openenv-bench run: " + resume.describe(cfg, folder.dir()));
      if (cfg.maxDurationSeconds() > 0) timer = stopAfter(cfg.maxDurationSeconds(), abort);
      local = cfg.targets().isEmpty() ? startLocal(cfg, abort) : null;
      List<Target> targets = local == null ? cfg.targets() : List.of(Target.parse(local.url()));
      // Asked while the pre-flight session runs (its wait is idle time); read for the manifest.
      servers = new FutureTask<>(() -> ServerMetadata.fetch(targets, cfg.workload().headers()));
      Thread.ofVirtual().name("openenv-bench-metadata").start(servers);
      // A segment's parent checked the servers already.
      if (cfg.shard() == null) ServerCheck.check(cfg, targets, clock, err);
      Instant started = Instant.now();
      SegmentRun seg = cfg.segmentRun();
      String runId = seg != null ? seg.runId() : RunId.next(started);
      if (folder != null && Files.exists(RunManifest.path(folder.dir(), runId))) {
        throw new IllegalArgumentException(
            folder.dir() + " holds run " + runId + " already: give a new --run-id");
      }
      RunManifest.Machine machine = MachineInfo.current();
      SegmentPacer pacer =
          seg == null ? null : new SegmentPacer(seg, machine.hostname(), clock, err);
      CellSchedule cells = schedule != null ? schedule : CellSchedule.grid(cfg, resume);
      RunManifest manifest =
          manifest(
              cfg,
              cells,
              targets,
              runId,
              started,
              machine,
              segmentOf(cfg, pacer, machine.hostname()),
              metadata(servers));
      if (folder != null) manifest.write(folder.dir());
      RunOutcome o = runCells(cfg, folder, targets, cells, runId, pacer, abort, onCellStart);
      if (folder != null) writeEnd(manifest, folder, o);
      if (folder != null && cfg.shard() == null) {
        err.println(
            "openenv-bench run: results in "
                + folder.dir()
                + " (raw.jsonl, summary.csv, histograms.hlog, timeseries.csv; this run's manifest:"
                + " runs/"
                + runId
                + "/manifest.json)");
      }
      return o;
    } finally {
      // A failed pre-flight leaves it running: no more requests to servers that failed it.
      if (servers != null) servers.cancel(true);
      if (timer != null) timer.interrupt();
      if (local != null) local.close();
      // Last: a shutdown hook waiting on this may let the JVM exit as soon as it is marked.
      abort.markFinished();
    }
  }

  private List<String> preflight(RunConfig cfg) {
    String noSrun = cfg.srun() == null ? null : SrunCellRunner.unavailable(System.getenv());
    if (noSrun != null) return List.of(noSrun);
    List<String> foreign = SourceAddresses.notLocal(cfg.sourceAddresses());
    if (!foreign.isEmpty()) {
      return List.of(
          "--source-addresses "
              + String.join(",", foreign)
              + ": not an address of this machine, so no connection can leave from it"
              + " (ip addr shows the machine's addresses; every 127.x.y.z is loopback's)");
    }
    boolean ws = cfg.modes().contains(CellPlan.Mode.WS);
    int perProcess = (cfg.maxRequests() + cfg.processes() - 1) / cfg.processes();
    int sockets = ws ? perProcess : Math.min(perProcess, cfg.httpConnections());
    int targets = Math.max(1, cfg.targets().size());
    List<Target> known =
        cfg.targets().isEmpty() ? List.of(Target.parse("http://127.0.0.1:0")) : cfg.targets();
    int sources =
        SourceAddresses.choose(cfg.sourceAddresses(), known, cfg.maxRequests() / targets).size();
    return Preflight.check(sockets, targets, sources);
  }

  private LocalServer startLocal(RunConfig cfg, AbortSignal abort)
      throws IOException, InterruptedException {
    int workers =
        cfg.serverWorkers() > 0
            ? cfg.serverWorkers()
            : Math.max(1, (cfg.maxRequests() + 17_999) / 18_000);
    int cap = cfg.maxRequests() / workers + 100;
    LocalServer s = LocalServer.start(jvm, cap, workers, cfg.verbose(), 60);
    err.printf(
        Locale.ROOT,
        "openenv-bench run: started a local server at %s (pid %d, %d worker(s), max %d sessions each)%n",
        s.url(),
        s.pid(),
        workers,
        cap);
    s.onExit().thenRun(() -> abort.trigger("the local server exited"));
    return s;
  }

  private RunOutcome runCells(
      RunConfig cfg,
      ResultFolder folder,
      List<Target> targets,
      CellSchedule schedule,
      String runId,
      SegmentPacer pacer,
      AbortSignal abort,
      Consumer<CellProgress> onCellStart)
      throws InterruptedException, IOException {
    ConsoleReport console = new ConsoleReport(out);
    List<CellSummary> done = new ArrayList<>();
    List<String> shortfalls = new ArrayList<>();
    SummaryCsvWriter csv = folder == null ? null : folder.summaryWriter();
    HistogramLog hlog = folder == null ? null : folder.histogramLog();
    int threads = Runtime.getRuntime().availableProcessors();
    int perTarget = cfg.maxRequests() / targets.size();
    List<String> sources = SourceAddresses.choose(cfg.sourceAddresses(), targets, perTarget);
    if (sources != cfg.sourceAddresses() && cfg.shard() == null) {
      err.printf(
          Locale.ROOT,
          "openenv-bench run: spreading connections over source addresses %s (loopback, > %d per server)%n",
          String.join(",", sources),
          SourceAddresses.PER_ADDRESS);
    }
    try (RawJsonlWriter raw =
            (folder == null ? RawJsonlWriter.discarding() : folder.rawWriter())
                .alsoTo(schedule::onSession);
        ClientTransport transport =
            new ClientTransport(
                threads, cfg.processes() > 1 ? List.of() : sources, cfg.connection());
        SelfMonitor monitor = new SelfMonitor(transport.group());
        ProgressLine progress = new ProgressLine(err, cfg.progress())) {
      CellRunner runner =
          new CellRunner(
              transport,
              clock,
              cfg.httpConnections(),
              metrics,
              folder == null ? null : folder.timeSeries(),
              cfg.connection());
      metrics.watch(monitor);
      transport.watchLag(monitor::lagMaxMs);
      Consumer<String> notices = n -> err.println("openenv-bench run: " + n);
      SplitCellRunner sharded =
          cfg.srun() != null
              ? new SrunCellRunner(cfg, jvm, shardDir(cfg), notices, metrics)
              : cfg.processes() > 1
                  ? new ShardedCellRunner(cfg, jvm, shardDir(cfg), sources, notices, metrics)
                  : null;
      // Warm-up sessions have no rows, so they are not counted in the live metrics either.
      CellRunner warmUp = new CellRunner(transport, clock, cfg.httpConnections());
      if (sharded == null) WarmUp.run(cfg, targets, warmUp, monitor, abort, err);
      // The server's side of a cell is the whole cell's, not a segment's: a --processes parent
      // reads it; segments from several machines do not (each would count the others' load).
      ServerSideMetrics serverSide =
          cfg.segment() == null
              ? new ServerSideMetrics(targets, cfg.workload().headers(), transport)
              : null;
      CellSummary previous = null;
      int cellNumber = 0;
      for (CellPlan plan; !abort.triggered() && (plan = schedule.next(targets, done)) != null; ) {
        CellId cell = new CellId(runId, ++cellNumber);
        SegmentPacer.Paced paced = pacer == null ? null : pacer.begin(plan, cell, abort);
        if (pacer != null && paced == null) continue; // skipped, or aborted while waiting
        if (paced != null) plan = paced.plan();
        AbortSignal cellAbort = paced == null ? abort : paced.signal();
        CellProgress p = new CellProgress(plan.sessions());
        onCellStart.accept(p);
        err.println(
            "openenv-bench run: "
                + label(plan, schedule, cfg)
                + " started"
                + (cfg.srun() == null
                    ? ""
                    : " as an srun step of " + cfg.srun().tasks() + " tasks"));
        ServerSideMetrics.Before before = serverSide == null ? null : serverSide.before();
        progress.show(label(plan, schedule, cfg), p);
        CellRunner.CellResult r =
            sharded != null
                ? sharded.run(plan, cell, raw, abort)
                : runner.run(plan, cell, raw, monitor, cellAbort, p);
        progress.stop();
        if (paced != null) paced.end();
        CellSummary s =
            serverSide == null
                ? r.summary()
                : r.summary().withServer(serverSide.after(before, r.pids()));
        done.add(s);
        record(s, r, csv, hlog, abort);
        if (schedule.printsCells()) console.cell(s, cfg.reps(), plan.sessions());
        if (schedule.printsCells()
            && previous != null
            && plan.mode() == CellPlan.Mode.WS
            && cfg.modes().size() == 2
            && !s.incomplete()) {
          console.compare(previous, s);
        }
        checkHosts(cfg, s, shortfalls);
        previous = s;
      }
      int loads =
          cfg.arrivals() == null
              ? cfg.requestsGrid().size()
              : cfg.arrivals().ratesPerSecond().size();
      boolean grid = loads > 1 || cfg.waitGrid().size() > 1 || cfg.reps() > 1;
      if (grid && !done.isEmpty() && schedule.printsCells()) console.grid(done);
    }
    List<String> skipped = pacer == null ? List.of() : pacer.skipped();
    return new RunOutcome(done, abort.reason(), shortfalls, abort.outputFailure(), runId, skipped);
  }

  /** {@code --max-duration}: the run stops as Ctrl-C would, keeping what finished. */
  private static Thread stopAfter(double seconds, AbortSignal abort) {
    return Thread.ofVirtual()
        .name("openenv-bench-max-duration")
        .start(
            () -> {
              try {
                Thread.sleep(Math.round(seconds * 1000));
                abort.trigger("--max-duration of " + seconds + " s reached");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  /** Writes a finished cell's row and histograms; a failed write stops the run. */
  private static void record(
      CellSummary s,
      CellRunner.CellResult r,
      SummaryCsvWriter csv,
      HistogramLog hlog,
      AbortSignal abort) {
    try {
      if (csv != null) csv.append(s);
      if (hlog != null) hlog.append(s, r.histograms());
    } catch (OutputWriteException e) {
      abort.failOutput(e);
    }
  }

  /** The servers' {@code /metadata}, asked beside the pre-flight. */
  private static List<RunManifest.Server> metadata(FutureTask<List<RunManifest.Server>> servers)
      throws InterruptedException {
    try {
      return servers.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading the servers' /metadata failed", e.getCause());
    }
  }

  private static RunManifest manifest(
      RunConfig cfg,
      CellSchedule cells,
      List<Target> targets,
      String runId,
      Instant started,
      RunManifest.Machine machine,
      RunManifest.SegmentOf segment,
      List<RunManifest.Server> servers) {
    java.util.Map<String, Object> configuration = cfg.describe();
    configuration.putAll(cells.describe());
    return new RunManifest(
        FormatVersion.CURRENT,
        runId,
        started.toString(),
        null,
        null,
        RunManifest.Tool.current(),
        configuration,
        servers,
        machine,
        segment,
        null);
  }

  /**
   * The manifest's {@code segment}: a public segment's, from its pacer; a {@code --processes}
   * child's, which keeps time by its parent's monotonic clock on the same host; else null.
   */
  private static RunManifest.SegmentOf segmentOf(RunConfig cfg, SegmentPacer pacer, String host) {
    if (pacer != null) return pacer.manifestEntry(host);
    if (cfg.shard() == null) return null;
    Segment s = cfg.shard().segment();
    return new RunManifest.SegmentOf(
        s.index(), s.count(), host, null, "none: the --processes parent's monotonic clock");
  }

  /** The manifest again, now with when and how the run ended. */
  private void writeEnd(RunManifest manifest, ResultFolder folder, RunOutcome o) {
    String outcome = o.abortReason() == null ? "completed" : "aborted: " + o.abortReason();
    try {
      manifest.ended(Instant.now().toString(), outcome).write(folder.dir());
    } catch (OutputWriteException e) {
      err.println("openenv-bench run: " + e.getMessage());
    }
  }

  /** Where the children of {@code --processes} keep their shard files (kept for inspection). */
  private static java.nio.file.Path shardDir(RunConfig cfg) throws IOException {
    return cfg.outputDir() != null
        ? java.nio.file.Files.createDirectories(cfg.outputDir().resolve("shards"))
        : java.nio.file.Files.createTempDirectory("openenv-bench-shards");
  }

  private void checkHosts(RunConfig cfg, CellSummary s, List<String> shortfalls) {
    if (cfg.expectedHosts() == 0 || s.uniqueHosts() >= cfg.expectedHosts()) return;
    String msg =
        String.format(
            Locale.ROOT,
            "%s N=%d wait=%s rep %d: %d distinct host(s) served the sessions, expected %d",
            s.key().mode(),
            s.key().numRequests(),
            s.key().waitSeconds(),
            s.key().repetition(),
            s.uniqueHosts(),
            cfg.expectedHosts());
    shortfalls.add(msg);
    err.println((cfg.requireHosts() ? "ERROR: " : "WARNING: ") + msg);
  }

  private static String label(CellPlan p, CellSchedule schedule, RunConfig cfg) {
    // A search's repetitions are not planned ahead: no "of how many".
    String rep = schedule.printsCells() ? p.repetition() + "/" + cfg.reps() : "" + p.repetition();
    String load =
        p.openLoop() == null
            ? "N=" + p.numRequests()
            : String.format(
                Locale.ROOT,
                "%s/s for %s s",
                p.openLoop().ratePerSecond(),
                p.openLoop().durationSeconds());
    return String.format(
        Locale.ROOT, "[%s %s w=%s rep %s]", p.mode().label(), load, p.waitSeconds(), rep);
  }
}
