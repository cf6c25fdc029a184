package dev.openenvbench.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A result folder that runs append to, and the one rule for appending to it, applied by {@link
 * #prepare} before a run writes anything:
 *
 * <ul>
 *   <li>a torn last line (a write cut short by a crash, a kill or a full disk) is cut off, and
 *       reported; a complete last line that only lacks its newline gets one;
 *   <li>a summary.csv written by an earlier version of this tool is upgraded in place: rewritten to
 *       a temporary file with the current header and renamed over the old one;
 *   <li>a file laid out by another tool (the seed harness's 33 columns, anyone's) or by a newer
 *       version is refused, with what to do, before any load starts;
 * </ul>
 *
 * so a row is never fused with another, lost, or written under a header it does not match.
 * raw.jsonl and histograms.hlog need no upgrade: each line names its own fields (a key, a tag) and
 * the readers read every version's lines.
 */
public final class ResultFolder {
  public static final String RAW = "raw.jsonl";
  public static final String SUMMARY = "summary.csv";
  public static final String HISTOGRAMS = "histograms.hlog";

  private final Path dir;

  private ResultFolder(Path dir) {
    this.dir = dir;
  }

  /**
   * Checks every file of {@code dir} (created if missing) and makes it ready for appending.
   *
   * @param notices what was repaired or upgraded, one sentence each
   * @throws ResultFileException a file cannot be appended to; nothing was changed
   * @throws OutputWriteException the folder or a file cannot be written
   */
  public static ResultFolder prepare(Path dir, Consumer<String> notices) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new OutputWriteException(dir, e);
    }
    if (!Files.isWritable(dir)) {
      throw new OutputWriteException(dir, new AccessDeniedException(dir.toString()));
    }
    ResultFolder folder = new ResultFolder(dir);
    List<Runnable> repairs = new ArrayList<>();
    try {
      folder.checkSummary(repairs, notices);
      folder.checkRaw(repairs, notices);
      folder.checkHistograms(repairs, notices);
      folder.checkTimeSeries(repairs, notices);
    } catch (IOException e) {
      throw new OutputWriteException(dir, e);
    }
    repairs.forEach(Runnable::run);
    return folder;
  }

  public Path dir() {
    return dir;
  }

  public RawJsonlWriter rawWriter() {
    return new RawJsonlWriter(dir.resolve(RAW));
  }

  public SummaryCsvWriter summaryWriter() {
    return new SummaryCsvWriter(dir.resolve(SUMMARY));
  }

  public HistogramLog histogramLog() {
    return new HistogramLog(dir.resolve(HISTOGRAMS));
  }

  public TimeSeriesFile timeSeries() {
    return new TimeSeriesFile(dir.resolve(TimeSeriesFile.NAME));
  }

  private void checkSummary(List<Runnable> repairs, Consumer<String> notices) throws IOException {
    Path file = dir.resolve(SUMMARY);
    String first = firstLine(file);
    if (first == null) return;
    List<String> header =
        Csv.cells(first.replace("\uFEFF", "")).stream().map(String::strip).toList();
    int version = layout(header);
    if (version < FormatVersion.FIRST) {
      throw refuse(file, describeForeign(header));
    }
    LastLine torn = tornTail(file, text -> SummaryCsvReader.parse(header, Csv.cells(text)));
    addTailRepair(file, torn, repairs, notices);
    if (version < FormatVersion.CURRENT) {
      repairs.add(() -> notices.accept(upgradeSummary(file, header, version)));
    }
  }

  /** The format version whose exact header this is, or -1 for a header no version wrote. */
  static int layout(List<String> header) {
    for (int v = FormatVersion.CURRENT; v >= FormatVersion.SEED; v--) {
      if (header.equals(SummaryColumns.names(v))) return v;
    }
    return -1;
  }

  private static String describeForeign(List<String> header) {
    if (header.equals(SummaryColumns.names(FormatVersion.SEED))) {
      return "has the seed harness's 33 columns, not openenv-bench's";
    }
    if (header.contains(SummaryColumns.FORMAT_VERSION.name())) {
      return "was written by a newer openenv-bench (" + header.size() + " columns)";
    }
    return "has a header openenv-bench did not write ("
        + header.size()
        + " columns, starting "
        + String.join(",", header.subList(0, Math.min(4, header.size())))
        + ")";
  }

  /** Rewrites an earlier version's file under the current header; returns the notice. */
  private static String upgradeSummary(Path file, List<String> oldHeader, int oldVersion) {
    Path tmp = file.resolveSibling(file.getFileName() + ".upgrading");
    List<String> current = SummaryColumns.names(FormatVersion.CURRENT);
    int rows = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      String headerLine = in.readLine();
      out.write(Csv.line(current));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank() || line.equals(headerLine)) continue;
        List<String> cells = Csv.cells(line);
        List<String> upgraded = new ArrayList<>(current.size());
        for (String name : current) {
          int i = oldHeader.indexOf(name);
          upgraded.add(
              i >= 0
                  ? cells.get(i)
                  : name.equals(SummaryColumns.FORMAT_VERSION.name())
                      ? Integer.toString(oldVersion)
                      : "");
        }
        out.write(Csv.line(upgraded));
        rows++;
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new OutputWriteException(tmp, e);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new OutputWriteException(file, e);
    }
    return file
        + ": upgraded "
        + rows
        + " row(s) from "
        + FormatVersion.describe(oldVersion)
        + " to format "
        + FormatVersion.CURRENT
        + " (rewritten in place; the rows keep format_version "
        + oldVersion
        + ")";
  }

  private void checkRaw(List<Runnable> repairs, Consumer<String> notices) throws IOException {
    Path file = dir.resolve(RAW);
    String first = firstLine(file);
    if (first == null) return;
    LastLine torn = tornTail(file, RawJsonlReader::parse);
    boolean onlyLineTorn = torn != null && torn.start() == 0;
    if (!onlyLineTorn) {
      SessionRecord r;
      try {
        r = RawJsonlReader.parse(first);
      } catch (RuntimeException e) {
        throw refuse(file, "line 1 is not a session of openenv-bench (" + e.getMessage() + ")");
      }
      if (r.get(RawFields.FORMAT_VERSION) == FormatVersion.SEED) {
        throw refuse(file, "holds the seed harness's sessions, not openenv-bench's");
      }
    }
    addTailRepair(file, torn, repairs, notices);
  }

  private void checkHistograms(List<Runnable> repairs, Consumer<String> notices)
      throws IOException {
    Path file = dir.resolve(HISTOGRAMS);
    String first = firstLine(file);
    if (first == null) return;
    if (!first.startsWith(HistogramLog.FIRST_LINE_PREFIX)) {
      throw refuse(file, "was not written by openenv-bench");
    }
    LastLine torn = tornTail(file, HistogramLogFile::entry);
    addTailRepair(file, torn, repairs, notices);
  }

  private void checkTimeSeries(List<Runnable> repairs, Consumer<String> notices)
      throws IOException {
    Path file = dir.resolve(TimeSeriesFile.NAME);
    String first = firstLine(file);
    if (first == null) return;
    List<String> header = Csv.cells(first);
    if (!header.equals(TimeSeriesColumns.SCHEMA.names(FormatVersion.CURRENT))) {
      throw refuse(file, "has a header openenv-bench did not write");
    }
    addTailRepair(
        file, tornTail(file, l -> TimeSeriesFile.parse(header, Csv.cells(l))), repairs, notices);
  }

  /** The unterminated last line if it is torn (does not parse), else null. */
  private static LastLine tornTail(Path file, Consumer<String> parse) throws IOException {
    LastLine last = LastLine.unterminated(file);
    if (last == null) return null;
    try {
      parse.accept(last.text());
      return new LastLine(-1, last.text()); // complete, only the newline is missing
    } catch (RuntimeException torn) {
      return last;
    }
  }

  private static void addTailRepair(
      Path file, LastLine tail, List<Runnable> repairs, Consumer<String> notices) {
    if (tail == null) return;
    if (tail.start() < 0) {
      repairs.add(() -> appendNewline(file));
      return;
    }
    repairs.add(
        () -> {
          truncate(file, tail.start());
          notices.accept(
              file
                  + ": cut a torn last line ("
                  + tail.text().getBytes(StandardCharsets.UTF_8).length
                  + " bytes, a write cut short by a crash or a full disk) before appending");
        });
  }

  private static void truncate(Path file, long size) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    } catch (IOException e) {
      throw new OutputWriteException(file, e);
    }
  }

  private static void appendNewline(Path file) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(f.length());
      f.write('\n');
    } catch (IOException e) {
      throw new OutputWriteException(file, e);
    }
  }

  /** The first line, or null for a missing or empty file. */
  private static String firstLine(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) == 0) return null;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return in.readLine();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw refuse(file, "is not UTF-8 text");
    }
  }

  private static ResultFileException refuse(Path file, String why) {
    return new ResultFileException(
        file,
        why
            + ": appending would mix two layouts in one file. Write to another folder (-o"
            + " NEW_DIR) or move the file away.");
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: a leftover .upgrading file is harmless and named for what it is
    }
  }
}
