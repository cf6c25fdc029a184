package dev.openenvbench.loadgen;

import dev.openenvbench.results.CellAccumulator;
import dev.openenvbench.results.CellKey;
import dev.openenvbench.results.FormatVersion;
import dev.openenvbench.results.OutputWriteException;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.SessionRecord;
import dev.openenvbench.results.TimeSeriesColumns;
import dev.openenvbench.results.TimeSeriesFile;
import dev.openenvbench.results.TimeSeriesRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Writes a running cell's {@code timeseries.csv}: at the end of every second after the cell's
 * start, one row of what happened in it (sessions started, finished, failed by cause, in flight,
 * the steps' round trips), and at the cell's end the last, partial second. Appended line by line,
 * so the file is valid however the run ends. Started sessions and step replies are read from the
 * cell's {@link CellProgress}; finished ones are counted as their rows are written ({@link
 * #recorded}, on the recorder thread). A row that cannot be written stops the run as any result
 * file does.
 */
final class CellTimeSeries {
  private final TimeSeriesFile file;
  private final CellKey key;
  private final Instant startInstant;
  private final CellProgress progress;
  private final AbortSignal abort;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("timeseries").daemon().factory());
  private int second;
  private int startedBefore;
  private long recordedTotal;
  private int finished;
  private int failed;
  private final TreeMap<String, Integer> failures = new TreeMap<>();
  private boolean closed;

  private CellTimeSeries(
      TimeSeriesFile file,
      CellKey key,
      Instant startInstant,
      CellProgress progress,
      AbortSignal abort) {
    this.file = file;
    this.key = key;
    this.startInstant = startInstant;
    this.progress = progress;
    this.abort = abort;
  }

  /** Starts the rows of a cell that started at {@code startNanos} of {@code clock}. */
  static CellTimeSeries start(
      TimeSeriesFile file,
      CellKey key,
      NanoClock clock,
      long startNanos,
      Instant startInstant,
      CellProgress progress,
      AbortSignal abort) {
    CellTimeSeries s = new CellTimeSeries(file, key, startInstant, progress, abort);
    long firstTick = startNanos + 1_000_000_000L - clock.nanoTime();
    s.ticker.scheduleAtFixedRate(
        s::tick, Math.max(0, firstTick), 1_000_000_000L, TimeUnit.NANOSECONDS);
    return s;
  }

  /** A session's row was written to raw.jsonl. */
  synchronized void recorded(SessionRecord r) {
    recordedTotal++;
    finished++;
    if (r.success()) return;
    failed++;
    String type = r.get(RawFields.ERROR_TYPE);
    String code = r.get(RawFields.ERROR_CODE);
    String cause = type == null ? CellAccumulator.UNFINISHED : type;
    failures.merge(code == null ? cause : cause + ":" + code, 1, Integer::sum);
  }

  /** The cell has ended and every row is written: the last second's row, then no more. */
  void close() {
    // Not shutdownNow: interrupting a tick mid-write would close its file channel under it.
    ticker.shutdown();
    try {
      ticker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tick();
    synchronized (this) {
      closed = true;
    }
  }

  private synchronized void tick() {
    if (closed) return;
    int startedNow = progress.started();
    Histogram steps = progress.stepInterval();
    TimeSeriesRecord row =
        TimeSeriesRecord.builder()
            .set(TimeSeriesColumns.RUN_ID, key.runId())
            .set(TimeSeriesColumns.CELL_ID, key.cellId())
            .set(TimeSeriesColumns.MODE, key.mode())
            .set(TimeSeriesColumns.SECOND, second)
            .set(
                TimeSeriesColumns.TIMESTAMP,
                startInstant.plusSeconds(second).truncatedTo(ChronoUnit.MILLIS).toString())
            .set(TimeSeriesColumns.STARTED, startedNow - startedBefore)
            .set(TimeSeriesColumns.FINISHED, finished)
            .set(TimeSeriesColumns.FAILED, failed)
            .set(
                TimeSeriesColumns.FAILURES,
                failures.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(";")))
            .set(TimeSeriesColumns.IN_FLIGHT, (int) Math.max(0, startedNow - recordedTotal))
            .set(TimeSeriesColumns.STEPS, (int) steps.getTotalCount())
            .set(TimeSeriesColumns.STEP_P50, quantile(steps, 50))
            .set(TimeSeriesColumns.STEP_P90, quantile(steps, 90))
            .set(TimeSeriesColumns.STEP_P99, quantile(steps, 99))
            .set(TimeSeriesColumns.STEP_MAX, quantile(steps, 100))
            .set(TimeSeriesColumns.FORMAT_VERSION, FormatVersion.CURRENT)
            .build();
    second++;
    startedBefore = startedNow;
    finished = 0;
    failed = 0;
    failures.clear();
    try {
      file.append(row);
    } catch (OutputWriteException e) {
      abort.failOutput(e);
    }
  }

  /**
   * A percentile of the second's steps in seconds (bucket middle, as summary.csv's); null if none.
   */
  private static Double quantile(Histogram h, double percentile) {
    if (h.getTotalCount() == 0) return null;
    return h.medianEquivalentValue(h.getValueAtPercentile(percentile)) / 1e6;
  }
}
