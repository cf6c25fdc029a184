package dev.openenvbench.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Appends rows to {@code summary.csv}, columns in {@link SummaryColumns#ALL} order (RFC 4180
 * quoting). The header is written only when the file is new or empty, so runs accumulate in one
 * file as the seed's did. Each row is flushed when written.
 */
public final class SummaryCsvWriter {
  private final Path file;

  public SummaryCsvWriter(Path file) {
    this.file = file;
  }

  public synchronized void append(CellSummary summary) {
    Map<String, String> row = SummaryRow.of(summary);
    if (!row.keySet().equals(new java.util.LinkedHashSet<>(SummaryColumns.ALL))) {
      throw new IllegalStateException("summary row does not match SummaryColumns: " + row.keySet());
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      try (BufferedWriter out =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        if (fresh) {
          out.write(Csv.line(SummaryColumns.ALL));
        }
        out.write(Csv.line(SummaryColumns.ALL.stream().map(row::get).toList()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
