package dev.openenvbench.results;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code timeseries.csv}: appended one whole line per second of each cell while it runs, so after a
 * crash or Ctrl-C the file holds every second that had ended (a torn last line is skipped by the
 * reader and cut by {@link ResultFolder#prepare}). The header is written once, when the file is
 * new. Columns in {@link TimeSeriesColumns} order; read back by name. Thread-safe.
 */
public final class TimeSeriesFile {
  public static final String NAME = "timeseries.csv";

  private final Path file;

  public TimeSeriesFile(Path file) {
    this.file = file;
  }

  /**
   * Appends one second of a cell.
   *
   * @throws OutputWriteException it could not be written; the file is as it was
   */
  public synchronized void append(TimeSeriesRecord row) {
    try (AppendOnlyFile out = new AppendOnlyFile(file)) {
      StringBuilder text = new StringBuilder();
      if (out.size() == 0)
        text.append(Csv.line(TimeSeriesColumns.SCHEMA.names(FormatVersion.CURRENT)));
      List<String> cells = new ArrayList<>();
      for (Field<?> f : TimeSeriesColumns.ALL) cells.add(cell(f, row));
      text.append(Csv.line(cells));
      out.append(text.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static <T> String cell(Field<T> f, TimeSeriesRecord row) {
    return f.kind().format(row.get(f));
  }

  /** A file's rows and what reading it found. */
  public record Read(List<TimeSeriesRecord> rows, FileRead file) {}

  /**
   * Reads every row, by column name.
   *
   * @throws ResultFileException a line other than a torn last one is not a row of this file
   */
  public static Read read(Path file) {
    List<TimeSeriesRecord> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    int torn =
        TextLines.forEach(
            file,
            (number, line, unterminated) -> {
              if (header.isEmpty()) {
                header.addAll(Csv.cells(line).stream().map(String::strip).toList());
                return true;
              }
              if (line.isBlank()) return true;
              try {
                rows.add(parse(header, Csv.cells(line)));
              } catch (IllegalArgumentException e) {
                if (unterminated) return false;
                throw new ResultFileException(file, number, e.getMessage());
              }
              return true;
            });
    return new Read(rows, new FileRead(file, rows.size(), torn));
  }

  /** One line's cells as a row; checks it is whole, so a torn line cannot pass for one. */
  static TimeSeriesRecord parse(List<String> header, List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException(
          cells.size() + " cells, but the header has " + header.size() + " columns");
    }
    TimeSeriesRecord.Builder b = TimeSeriesRecord.builder();
    for (int i = 0; i < header.size(); i++) {
      Field<?> f = TimeSeriesColumns.SCHEMA.field(header.get(i));
      if (f != null) set(b, f, cells.get(i));
    }
    TimeSeriesRecord r = b.build();
    // The last column is never empty: a line cut short just after a comma is not a row.
    if (r.get(TimeSeriesColumns.CELL_ID) == null
        || r.get(TimeSeriesColumns.SECOND) == null
        || r.get(TimeSeriesColumns.FORMAT_VERSION) == null) {
      throw new IllegalArgumentException("no cell_id, second or format_version");
    }
    return r;
  }

  private static <T> void set(TimeSeriesRecord.Builder b, Field<T> f, String cell) {
    try {
      b.set(f, f.kind().parse(cell));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column " + f.name() + ": " + e.getMessage(), e);
    }
  }
}
