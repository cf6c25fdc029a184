package dev.openenvbench.loadgen;

import dev.openenvbench.launch.ChildCommand;
import dev.openenvbench.launch.ChildJvm;
import dev.openenvbench.results.CellId;
import dev.openenvbench.results.CellKey;
import dev.openenvbench.results.RawJsonlWriter;
import dev.openenvbench.results.ResultFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one cell split over K child harness processes ({@code --processes K}), each with its own
 * open-files budget and event loops, then merges their shards exactly: every child's raw.jsonl rows
 * are appended to the parent's file and folded into one {@link CellAccumulator} (the same
 * histograms one process would have built). Child i runs {@link Segment} i of K of the cell. The
 * children start their sessions at one shared instant of the machine's monotonic clock, not on a
 * {@link SegmentSchedule} as segments on several machines do: all processes of one machine share
 * that clock exactly (no offset to measure, no wall-clock step to fear), and the parent, which
 * starts the children of each cell, stops them on abort and merges them, needs no deadline to keep
 * a dead child from holding the others (it sees the child exit). A {@code --barrier} holds sessions
 * per process, not across processes. A child whose parent dies ({@code kill -9}) stops as on
 * SIGTERM and writes its cell as incomplete ({@code launch.ChildJvm}).
 */
final class ShardedCellRunner implements SplitCellRunner {
  private final RunConfig cfg;
  private final ChildJvm jvm;
  private final Path workDir;
  private final List<String> sources;
  private final Consumer<String> notices;
  private final HarnessMetrics metrics;

  /**
   * @param jvm how to start the children
   * @param sources the local addresses of the whole cell; each child gets its own share
   * @param notices where to say what merging the shards skipped
   * @param metrics the parent's live metrics: each child's rows are counted as the child writes
   *     them ({@link ShardTail})
   */
  ShardedCellRunner(
      RunConfig cfg,
      ChildJvm jvm,
      Path workDir,
      List<String> sources,
      Consumer<String> notices,
      HarnessMetrics metrics) {
    this.cfg = cfg;
    this.jvm = jvm;
    this.workDir = workDir;
    this.sources = sources;
    this.notices = notices;
    this.metrics = metrics;
  }

  @Override
  public CellRunner.CellResult run(
      CellPlan plan, CellId cell, RawJsonlWriter raw, AbortSignal abort)
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
      Path dir = Files.createDirectories(workDir.resolve(dirName(plan) + "-p" + i));
      dirs.add(dir);
      CellPlan.Shard shard = new CellPlan.Shard(new Segment(i, k), startAt, plan.repetition());
      children.add(start(plan, shard, dir, SourceAddresses.shareOf(sources, i, k)));
    }
    metrics.cellStarted(CellRunner.key(plan, cell, startInstant));
    // Without --metrics-port nobody counts the children's rows live: the merge reads them once.
    List<Path> tailed =
        metrics.serving()
            ? dirs.stream().map(d -> d.resolve(ResultFolder.RAW)).toList()
            : List.of();
    ShardTail tail = new ShardTail(tailed, metrics::shardSessionMerged);
    boolean incomplete = awaitAll(children, abort, tail);
    tail.finish();
    return merge(plan, cell, startInstant, dirs, incomplete, raw);
  }

  /** The cell's part of a shard folder's name: mode, N, wait and repetition. */
  static String dirName(CellPlan plan) {
    return String.format(
        Locale.ROOT,
        "%s-n%d-w%s-r%d",
        plan.mode().label(),
        plan.numRequests(),
        plan.waitSeconds(),
        plan.repetition());
  }

  private Process start(CellPlan plan, CellPlan.Shard shard, Path dir, List<String> mine)
      throws IOException {
    int httpConnections = Math.max(1, cfg.httpConnections() / cfg.processes());
    ChildCommand command =
        RunArgs.shard(
            plan, shard, cfg.warmupSessions(), httpConnections, dir, mine, cfg.connection());
    return jvm.processBuilder(command)
        .redirectOutput(dir.resolve("console.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
  }

  /** Waits for every child; on abort asks them to stop (they write their cell as incomplete). */
  private boolean awaitAll(List<Process> children, AbortSignal abort, ShardTail tail)
      throws InterruptedException {
    boolean signalled = false;
    for (Process p : children) {
      while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
        tail.poll();
        if (abort.triggered() && !signalled) {
          children.forEach(Process::destroy);
          signalled = true;
        }
      }
    }
    return signalled || children.stream().anyMatch(jvm::wasAborted);
  }

  private CellRunner.CellResult merge(
      CellPlan plan,
      CellId cell,
      Instant start,
      List<Path> dirs,
      boolean incomplete,
      RawJsonlWriter raw) {
    CellKey key = CellRunner.key(plan, cell, start);
    return ShardMerge.merge(key, plan.numRequests(), dirs, incomplete, raw, notices);
  }
}
