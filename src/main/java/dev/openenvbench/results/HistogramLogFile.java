package dev.openenvbench.results;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Reads {@code histograms.hlog} back: each entry's {@link HistogramTag} and histogram (values in
 * microseconds), for either tag format. Entries are decoded by HdrHistogram's own log reader, one
 * line at a time so that an error can name its line; comment, format and legend lines are skipped.
 * A torn last line is skipped and counted, as in every reader of the project.
 */
public final class HistogramLogFile {
  private HistogramLogFile() {}

  /** One entry of the file. */
  public record Entry(HistogramTag tag, Histogram histogram) {}

  /** The entries of a file and what reading it found. */
  public record Read(List<Entry> entries, FileRead file) {}

  public static Read read(Path file) {
    List<Entry> entries = new ArrayList<>();
    int torn =
        TextLines.forEach(
            file,
            (number, line, unterminated) -> {
              if (line.isBlank() || line.startsWith("#") || line.startsWith("\"")) return true;
              try {
                entries.add(entry(line));
              } catch (RuntimeException e) {
                if (unterminated) return false;
                throw new ResultFileException(file, number, "not a histogram entry: " + e);
              }
              return true;
            });
    return new Read(entries, new FileRead(file, entries.size(), torn));
  }

  static Entry entry(String line) {
    HistogramLogReader reader =
        new HistogramLogReader(
            new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)));
    EncodableHistogram h = reader.nextIntervalHistogram();
    if (!(h instanceof Histogram histogram)) {
      throw new IllegalArgumentException("no histogram");
    }
    return new Entry(HistogramTag.parse(histogram.getTag()), histogram);
  }
}
