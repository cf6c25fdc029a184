package dev.openenvbench.results;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends {@link SessionRecord}s to {@code raw.jsonl}, one compact JSON object per line in {@link
 * RawFields} order, each row stamped with the current {@code format_version}. Each line is written
 * whole and flushed, so the file stays readable after a crash (at worst a torn last line, which
 * {@link ResultFolder} cuts before the next append). Thread-safe; called from the recorder thread.
 * A failed write throws {@link OutputWriteException}.
 */
public final class RawJsonlWriter implements Closeable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Path file;
  private final BufferedWriter out;

  public RawJsonlWriter(Path file) {
    this.file = file;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      this.out =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new OutputWriteException(file, e);
    }
  }

  private RawJsonlWriter() {
    this.file = Path.of("/dev/null");
    this.out = new BufferedWriter(Writer.nullWriter());
  }

  /** A writer that drops every record: a run without {@code --output-dir}. */
  public static RawJsonlWriter discarding() {
    return new RawJsonlWriter();
  }

  public synchronized void write(SessionRecord r) {
    try {
      out.write(toJson(r));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new OutputWriteException(file, e);
    }
  }

  /** The JSON text of one record as this version writes it, without the newline. */
  public static String toJson(SessionRecord r) {
    StringWriter text = new StringWriter(768);
    try (JsonGenerator gen = JSON.createGenerator(text)) {
      gen.writeStartObject();
      for (Field<?> f : RawFields.ALL) {
        gen.writeName(f.name());
        if (f == RawFields.FORMAT_VERSION) {
          gen.writeNumber(FormatVersion.CURRENT);
        } else {
          writeValue(gen, f, r);
        }
      }
      gen.writeEndObject();
    }
    return text.toString();
  }

  private static <T> void writeValue(JsonGenerator gen, Field<T> f, SessionRecord r) {
    @SuppressWarnings("unchecked")
    T v = (T) r.raw(f);
    if (v == null) {
      gen.writeNull();
    } else {
      f.kind().write(gen, v);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new OutputWriteException(file, e);
    }
  }
}
