package dev.openenvbench.loadgen;

import dev.openenvbench.launch.ChildCommand;
import dev.openenvbench.launch.ChildJvm;
import dev.openenvbench.results.CellAccumulator;
import dev.openenvbench.results.CellKey;
import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.HarnessLoad;
import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.RawJsonlWriter;
import dev.openenvbench.results.SummaryCsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one cell split over K child harness processes ({@code --processes K}), each with its own
 * open-files budget and event loops, then merges their shards exactly: every child's raw.jsonl rows
 * are appended to the parent's file and folded into one {@link CellAccumulator} (the same
 * histograms one process would have built). Child i runs {@link Segment} i of K of the cell. The
 * children start their sessions at one shared instant of the machine's monotonic clock. A {@code
 * --barrier} holds sessions per process, not across processes.
 */
final class ShardedCellRunner {
  private final RunConfig cfg;
  private final ChildJvm jvm;
  private final Path workDir;
  private final List<String> sources;

  /**
   * @param jvm how to start the children
   * @param sources the local addresses of the whole cell; each child gets its own share
   */
  ShardedCellRunner(RunConfig cfg, ChildJvm jvm, Path workDir, List<String> sources) {
    this.cfg = cfg;
    this.jvm = jvm;
    this.workDir = workDir;
    this.sources = sources;
  }

  CellRunner.CellResult run(CellPlan plan, RawJsonlWriter raw, AbortSignal abort)
      throws IOException, InterruptedException {
    int k = cfg.processes();
    // Time for K JVMs to start and warm up before the shared start instant.
    long delayNanos =
        TimeUnit.SECONDS.toNanos(5) + TimeUnit.MILLISECONDS.toNanos(5L * cfg.warmupSessions());
    long startAt = System.nanoTime() + delayNanos;
    Instant startInstant = Instant.now().plusNanos(delayNanos);
    List<Path> dirs = new ArrayList<>();
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      Path dir =
          Files.createDirectories(
              workDir.resolve(
                  String.format(
                      Locale.ROOT,
                      "%s-n%d-w%s-r%d-p%d",
                      plan.mode().label(),
                      plan.numRequests(),
                      plan.waitSeconds(),
                      plan.repetition(),
                      i)));
      dirs.add(dir);
      CellPlan.Shard shard = new CellPlan.Shard(new Segment(i, k), startAt, plan.repetition());
      children.add(start(plan, shard, dir, SourceAddresses.shareOf(sources, i, k)));
    }
    boolean incomplete = awaitAll(children, abort);
    return merge(plan, startInstant, dirs, incomplete, raw);
  }

  private Process start(CellPlan plan, CellPlan.Shard shard, Path dir, List<String> mine)
      throws IOException {
    int httpConnections = Math.max(1, cfg.httpConnections() / cfg.processes());
    ChildCommand command =
        RunArgs.shard(plan, shard, cfg.warmupSessions(), httpConnections, dir, mine);
    return jvm.processBuilder(command)
        .redirectOutput(dir.resolve("console.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
  }

  /** Waits for every child; on abort asks them to stop (they write their cell as incomplete). */
  private boolean awaitAll(List<Process> children, AbortSignal abort) throws InterruptedException {
    boolean signalled = false;
    for (Process p : children) {
      while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
        if (abort.triggered() && !signalled) {
          children.forEach(Process::destroy);
          signalled = true;
        }
      }
    }
    return signalled || children.stream().anyMatch(jvm::wasAborted);
  }

  private CellRunner.CellResult merge(
      CellPlan plan, Instant start, List<Path> dirs, boolean incomplete, RawJsonlWriter raw) {
    CellKey key = CellRunner.key(plan, start);
    CellAccumulator acc = new CellAccumulator(key);
    double[] wall = {0};
    List<Map<String, String>> childRows = new ArrayList<>();
    for (Path d : dirs) {
      Path shardRaw = d.resolve("raw.jsonl");
      if (Files.exists(shardRaw)) {
        RawJsonlReader.forEach(
            shardRaw,
            r -> {
              raw.write(r);
              acc.add(r);
              if (r.totalLatency() != null)
                wall[0] = Math.max(wall[0], r.startOffset() + r.totalLatency());
            });
      }
      Path csv = d.resolve("summary.csv");
      if (Files.exists(csv)) childRows.addAll(SummaryCsvReader.rows(csv));
    }
    boolean missing = childRows.size() < dirs.size() || acc.finished() < plan.numRequests();
    CellSummary s = acc.summarize(wall[0], load(childRows), incomplete || missing);
    return new CellRunner.CellResult(s, acc.histograms());
  }

  /** The children's own load: CPU and GC add up, peaks take the maximum, any saturation counts. */
  private static HarnessLoad load(List<Map<String, String>> rows) {
    double cpu = 0, cpuMax = 0, lag = 0, gc = 0;
    long fds = 0;
    boolean saturated = false;
    for (Map<String, String> r : rows) {
      cpu += Double.parseDouble(r.get("harness_cpu_seconds"));
      cpuMax = Math.max(cpuMax, Double.parseDouble(r.get("harness_cpu_max")));
      lag = Math.max(lag, Double.parseDouble(r.get("harness_loop_lag_max_ms")));
      gc += Double.parseDouble(r.get("harness_gc_pause_ms"));
      fds = Math.max(fds, Long.parseLong(r.get("harness_open_fds_max")));
      saturated |= Boolean.parseBoolean(r.get("harness_saturated"));
    }
    return new HarnessLoad(cpu, cpuMax, lag, gc, fds, saturated);
  }
}
