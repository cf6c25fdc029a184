package dev.openenvbench.results;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code raw.jsonl} back into {@link SessionRecord}s, one line at a time: the one reader of
 * the file (report, shard merging, and every command that reads results). Reads the seed's files
 * and every format version by field name; keys of other tools are ignored. A torn last line is
 * skipped and counted in the {@link FileRead}; any other line that is not a session object is an
 * error naming the file and line.
 */
public final class RawJsonlReader {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RawJsonlReader() {}

  public static FileRead forEach(Path file, Consumer<SessionRecord> action) {
    long[] rows = {0};
    int torn =
        TextLines.forEach(
            file,
            (number, line, unterminated) -> {
              if (line.isBlank()) return true;
              SessionRecord r;
              try {
                r = parse(line);
              } catch (IllegalArgumentException | JacksonException e) {
                if (unterminated) return false;
                throw new ResultFileException(file, number, problem(e));
              }
              rows[0]++;
              action.accept(r);
              return true;
            });
    return new FileRead(file, rows[0], torn);
  }

  /**
   * One line of raw.jsonl, for a reader that follows a file while it grows (the parent of {@code
   * --processes} children, for its live metrics).
   *
   * @throws IllegalArgumentException the line is not a session row (the message says why)
   */
  public static SessionRecord row(String line) {
    try {
      return parse(line);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(problem(e), e);
    }
  }

  /**
   * One session object.
   *
   * @throws IllegalArgumentException it is not one (the message says what is wrong)
   */
  static SessionRecord parse(String line) {
    JsonNode n = JSON.readTree(line);
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    SessionRecord.Builder b = SessionRecord.builder();
    boolean laterThanSeed = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Field<?> f = RawFields.named(e.getKey());
      if (f == null) continue;
      laterThanSeed |= !f.seed();
      set(b, f, e.getValue());
    }
    SessionRecord r = b.build();
    if (r.get(RawFields.MODE) == null) throw new IllegalArgumentException("no mode");
    if (r.get(RawFields.SUCCESS) == null) throw new IllegalArgumentException("no success");
    int version = FormatVersion.ofRow(r.get(RawFields.FORMAT_VERSION), laterThanSeed);
    return b.set(RawFields.FORMAT_VERSION, version).build();
  }

  private static <T> void set(SessionRecord.Builder b, Field<T> f, JsonNode value) {
    try {
      b.set(f, f.kind().read(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(f.name() + ": " + e.getMessage(), e);
    }
  }

  private static String problem(Exception e) {
    return e instanceof JacksonException j
        ? "not JSON: " + j.getOriginalMessage().lines().findFirst().orElse("")
        : e.getMessage();
  }
}
