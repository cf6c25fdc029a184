package dev.openenvbench.results;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Appends each cell's phase histograms to {@code histograms.hlog}: HdrHistogram's standard
 * interval-log format (readable by HdrHistogram's own {@code HistogramLogReader} and {@code
 * HistogramLogProcessor}), values in microseconds, one entry per phase with samples, tagged by
 * {@link HistogramTag}. Adding the entries of several repetitions or shards merges them exactly.
 * {@link HistogramLogFile} reads the file back. A failed write throws {@link OutputWriteException}.
 */
public final class HistogramLog {
  /** The first line of every file this project writes (a comment for HdrHistogram's reader). */
  static final String FIRST_LINE_PREFIX = "#openenv-bench phase histograms";

  private final Path file;

  public HistogramLog(Path file) {
    this.file = file;
  }

  /** Appends a cell's histograms, stamped with the cell's start and end (wall clock). */
  public synchronized void append(CellSummary cell, PhaseHistograms histograms) {
    CellKey key = cell.key();
    long startMs = startMillis(key);
    try (AppendOnlyFile log = new AppendOnlyFile(file)) {
      boolean fresh = log.size() == 0;
      // Built in memory and appended at once: a failure leaves no half entry behind.
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
        HistogramLogWriter w = new HistogramLogWriter(out);
        if (fresh) {
          w.outputComment(
              FIRST_LINE_PREFIX.substring(1)
                  + ", values in microseconds, format_version "
                  + FormatVersion.CURRENT);
          w.outputLogFormatVersion();
          w.outputLegend();
        }
        for (Phase p : Phase.values()) {
          Histogram h = histograms.histogram(p).copy();
          if (h.getTotalCount() == 0) continue;
          h.setTag(HistogramTag.of(key, p).text());
          h.setStartTimeStamp(startMs);
          h.setEndTimeStamp(startMs + Math.round(cell.totalWallTime() * 1000));
          w.outputIntervalHistogram(h);
        }
      }
      log.append(bytes.toByteArray());
    }
  }

  static String waitText(double waitSeconds) {
    return Double.toString(waitSeconds);
  }

  private static long startMillis(CellKey key) {
    try {
      return Instant.parse(key.timestamp()).toEpochMilli();
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
