package dev.openenvbench.results;

import java.io.Closeable;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends {@link SessionRecord}s to {@code raw.jsonl}, one compact JSON object per line in {@link
 * RawFields} order, each row stamped with the current {@code format_version}. Each line is written
 * whole or not at all ({@link AppendOnlyFile}), so the file stays readable after a crash or a full
 * disk (at worst a torn last line after a crash of the machine, which {@link ResultFolder} cuts
 * before the next append). Thread-safe; called from the recorder thread. A failed write throws
 * {@link OutputWriteException}.
 */
public final class RawJsonlWriter implements Closeable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final AppendOnlyFile out;
  private final Consumer<SessionRecord> tap;

  public RawJsonlWriter(Path file) {
    this(new AppendOnlyFile(file), r -> {});
  }

  private RawJsonlWriter(AppendOnlyFile out, Consumer<SessionRecord> tap) {
    this.out = out;
    this.tap = tap;
  }

  /**
   * This writer's file (closed with it), with {@code tap} also given every record once it is
   * written; use the returned writer instead of this one.
   */
  public RawJsonlWriter alsoTo(Consumer<SessionRecord> also) {
    return new RawJsonlWriter(out, tap.andThen(also));
  }

  /** A writer that drops every record: a run without {@code --output-dir}. */
  public static RawJsonlWriter discarding() {
    return new RawJsonlWriter(null, r -> {});
  }

  public synchronized void write(SessionRecord r) {
    if (out != null) out.append((toJson(r) + "\n").getBytes(StandardCharsets.UTF_8));
    tap.accept(r);
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
    if (out != null) out.close();
  }
}
