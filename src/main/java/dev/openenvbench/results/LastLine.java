package dev.openenvbench.results;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The unterminated last line of a file, if it has one: what a write cut short leaves. Read from the
 * end of the file, so a raw.jsonl of millions of lines is not read to find it.
 *
 * @param start the byte offset where the line starts (truncating there removes it)
 * @param text the line, decoded as UTF-8
 */
record LastLine(long start, String text) {
  /** The unterminated last line, or null when the file is empty or ends with a newline. */
  static LastLine unterminated(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long end = f.length();
      if (end == 0) return null;
      f.seek(end - 1);
      if (f.read() == '\n') return null;
      ByteArrayOutputStream reversed = new ByteArrayOutputStream();
      long pos = end - 1;
      byte[] chunk = new byte[8192];
      while (pos >= 0) {
        long from = Math.max(0, pos - chunk.length + 1);
        int n = (int) (pos - from + 1);
        f.seek(from);
        f.readFully(chunk, 0, n);
        for (int i = n - 1; i >= 0; i--, pos--) {
          if (chunk[i] == '\n') return line(reversed, pos + 1);
          reversed.write(chunk[i]);
        }
      }
      return line(reversed, 0);
    }
  }

  private static LastLine line(ByteArrayOutputStream reversed, long start) {
    byte[] b = reversed.toByteArray();
    for (int i = 0, j = b.length - 1; i < j; i++, j--) {
      byte t = b[i];
      b[i] = b[j];
      b[j] = t;
    }
    return new LastLine(start, new String(b, StandardCharsets.UTF_8));
  }
}
