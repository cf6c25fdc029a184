package dev.openenvbench.results;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Appends rows to {@code summary.csv}, columns in {@link SummaryColumns} order. The header is
 * written only when the file is new or empty, so runs accumulate in one file as the seed's did;
 * {@link ResultFolder#prepare} has checked (or upgraded) an existing file's header first. Each row
 * is written whole or not at all. A failed write throws {@link OutputWriteException}.
 */
public final class SummaryCsvWriter {
  private final Path file;

  public SummaryCsvWriter(Path file) {
    this.file = file;
  }

  public synchronized void append(CellSummary summary) {
    SummaryRecord row = SummaryColumns.of(summary);
    try (AppendOnlyFile out = new AppendOnlyFile(file)) {
      StringBuilder text = new StringBuilder();
      if (out.size() == 0) text.append(Csv.line(SummaryColumns.names(FormatVersion.CURRENT)));
      text.append(Csv.line(cells(row)));
      out.append(text.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The text cells of a row, in column order. */
  public static List<String> cells(SummaryRecord row) {
    return SummaryColumns.ALL.stream().map(f -> cell(f, row)).toList();
  }

  private static <T> String cell(Field<T> f, SummaryRecord row) {
    @SuppressWarnings("unchecked")
    T v = (T) row.raw(f);
    return f.kind().format(v);
  }
}
