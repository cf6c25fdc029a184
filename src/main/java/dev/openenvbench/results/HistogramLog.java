package dev.openenvbench.results;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Appends each cell's phase histograms to {@code histograms.hlog} (HdrHistogram's standard
 * interval-log format, values in microseconds), one entry per phase tagged {@code
 * <mode>/n<N>/w<wait>/r<rep>/<phase>}. Reading them back with HdrHistogram's {@code
 * HistogramLogReader} and adding them merges repetitions or shards exactly.
 */
public final class HistogramLog {
  private final Path file;

  public HistogramLog(Path file) {
    this.file = file;
  }

  public synchronized void append(CellKey key, PhaseHistograms histograms) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      try (PrintStream out = new PrintStream(new FileOutputStream(file.toFile(), true), false)) {
        HistogramLogWriter w = new HistogramLogWriter(out);
        if (fresh) {
          w.outputComment("openenv-bench phase histograms, values in microseconds");
          w.outputLogFormatVersion();
          w.outputLegend();
        }
        for (Phase p : Phase.values()) {
          Histogram h = histograms.histogram(p).copy();
          if (h.getTotalCount() == 0) continue;
          h.setTag(tag(key, p));
          w.outputIntervalHistogram(h);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String tag(CellKey key, Phase p) {
    return String.format(
        Locale.ROOT,
        "%s/n%d/w%s/r%d/%s",
        key.mode(),
        key.numRequests(),
        key.waitSeconds(),
        key.repetition(),
        p.columnPrefix());
  }
}
