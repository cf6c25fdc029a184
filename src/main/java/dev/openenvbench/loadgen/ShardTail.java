package dev.openenvbench.loadgen;

import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.results.SessionRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Follows the raw.jsonl files of a {@code --processes} cell's children while they write them, so
 * that the parent's live metrics ({@link HarnessMetrics}) count every child's sessions as they
 * finish: one endpoint for the whole run. Children append whole lines unbuffered ({@code
 * results.AppendOnlyFile}); this reads whole lines only, each once, and {@link #finish} takes the
 * rest after the children have exited (an unterminated last line too, when it parses, as the merge
 * does). Lines it cannot read are left to the merge, which reports them. Called from one thread.
 */
final class ShardTail {
  private static final int CHUNK = 1 << 20;

  private final List<Path> files;
  private final long[] offsets;
  private final Consumer<SessionRecord> rows;

  /**
   * @param rows told of each child row, in each file's order
   */
  ShardTail(List<Path> files, Consumer<SessionRecord> rows) {
    this.files = files;
    this.offsets = new long[files.size()];
    this.rows = rows;
  }

  /** Reads the whole lines written since the last call. */
  void poll() {
    for (int i = 0; i < files.size(); i++) read(i, false);
  }

  /** Reads everything left, the children having exited. */
  void finish() {
    for (int i = 0; i < files.size(); i++) read(i, true);
  }

  private void read(int i, boolean last) {
    Path file = files.get(i);
    if (!Files.exists(file)) return;
    try (FileChannel ch = FileChannel.open(file)) {
      while (offsets[i] < ch.size()) {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, ch.size() - offsets[i]));
        ch.read(buf, offsets[i]);
        byte[] bytes = buf.array();
        int end = buf.position();
        int whole = end;
        while (whole > 0 && bytes[whole - 1] != '\n') whole--;
        boolean rest = last && end < CHUNK && whole < end;
        if (whole == 0 && !rest) return; // a line still being written, or longer than a chunk
        int take = rest ? end : whole;
        String text = new String(bytes, 0, take, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
          if (line.isBlank()) continue;
          try {
            rows.accept(RawJsonlReader.row(line));
          } catch (IllegalArgumentException e) {
            // the merge reads the same file and says what is wrong with it
          }
        }
        offsets[i] += take;
      }
    } catch (IOException e) {
      // as above: the merge reports a file it cannot read
    }
  }
}
