package dev.openenvbench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code summary.csv} into {@link SummaryRecord}s by column name: the one reader of the file
 * (report, shard merging, every command that reads results). Reads the seed's files, every format
 * version and hand-made ones: columns in any order, unknown columns ignored, a UTF-8 BOM skipped,
 * cells trimmed, a repeated header line (two files concatenated) skipped. A torn last line is
 * skipped and counted; any other bad record (wrong number of cells, a cell that is not of its
 * column's type, no mode, N or wait) is an error naming the file and line.
 */
public final class SummaryCsvReader {
  private SummaryCsvReader() {}

  /** The rows of a file and what reading it found. */
  public record Read(List<String> header, List<SummaryRecord> rows, FileRead file) {}

  public static Read read(Path file) {
    List<SummaryRecord> rows = new ArrayList<>();
    List<List<String>> header = new ArrayList<>();
    String[] headerLine = {null};
    int torn =
        TextLines.forEach(
            file,
            (number, line, unterminated) -> {
              if (headerLine[0] == null) {
                headerLine[0] = line.startsWith("\uFEFF") ? line.substring(1) : line;
                header.add(Csv.cells(headerLine[0]).stream().map(String::strip).toList());
                return true;
              }
              if (line.isBlank() || line.equals(headerLine[0])) return true;
              try {
                rows.add(parse(header.getFirst(), Csv.cells(line)));
              } catch (IllegalArgumentException e) {
                if (unterminated) return false;
                throw new ResultFileException(file, number, e.getMessage());
              }
              return true;
            });
    List<String> names = header.isEmpty() ? List.of() : header.getFirst();
    return new Read(names, rows, new FileRead(file, rows.size(), torn));
  }

  static SummaryRecord parse(List<String> header, List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException(
          cells.size() + " cells, but the header has " + header.size() + " columns");
    }
    SummaryRecord.Builder b = SummaryRecord.builder();
    boolean laterThanSeed = false;
    for (int i = 0; i < header.size(); i++) {
      Field<?> f = SummaryColumns.named(header.get(i));
      if (f == null) continue;
      laterThanSeed |= !f.seed();
      set(b, f, cells.get(i));
    }
    SummaryRecord r = b.build();
    String mode = r.get(SummaryColumns.MODE);
    if (mode == null) throw new IllegalArgumentException("no mode");
    Integer n = r.get(SummaryColumns.NUM_REQUESTS);
    Integer batch = r.get(SummaryColumns.BATCH_SIZE);
    if ((n == null || n <= 0) && (batch == null || batch <= 0)) {
      throw new IllegalArgumentException("no num_requests");
    }
    if (r.get(SummaryColumns.WAIT_SECONDS) == null) {
      throw new IllegalArgumentException("no wait_seconds");
    }
    if (r.get(SummaryColumns.SUCCESSFUL) == null && r.get(SummaryColumns.ERROR_RATE) == null) {
      throw new IllegalArgumentException("neither successful nor error_rate");
    }
    int version = FormatVersion.ofRow(r.get(SummaryColumns.FORMAT_VERSION), laterThanSeed);
    return b.set(SummaryColumns.FORMAT_VERSION, version).build();
  }

  private static <T> void set(SummaryRecord.Builder b, Field<T> f, String cell) {
    try {
      b.set(f, f.kind().parse(cell));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column " + f.name() + ": " + e.getMessage(), e);
    }
  }
}
