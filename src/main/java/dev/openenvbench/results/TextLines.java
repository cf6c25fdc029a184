package dev.openenvbench.results;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a line-oriented result file one line at a time (files may hold millions of sessions),
 * telling the visitor which line is an unterminated last line: the one place where a write cut
 * short by a crash, a kill or a full disk shows. Every reader applies the same rule to it: if it
 * does not parse it is a torn line, skipped and counted; anywhere else a bad line is an error.
 */
final class TextLines {
  /** Sees each line with its 1-based number. */
  interface Visitor {
    /**
     * @param unterminated true for a last line without a newline (possibly torn)
     * @return false when the line was a torn last line and was skipped
     */
    boolean line(long number, String text, boolean unterminated);
  }

  private TextLines() {}

  /** Visits every line; returns how many torn last lines the visitor skipped (0 or 1). */
  static int forEach(Path file, Visitor visitor) {
    boolean terminated = endsWithNewline(file);
    int torn = 0;
    try (InputStream in = Files.newInputStream(file)) {
      ByteLines lines = new ByteLines(in, file);
      long number = 0;
      String line = lines.next(1);
      while (line != null) {
        number++;
        String next = lines.next(number + 1);
        boolean last = next == null;
        if (!visitor.line(number, line, last && !terminated)) torn++;
        line = next;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return torn;
  }

  /**
   * Splits a stream into lines of bytes and decodes each strictly as UTF-8, so that binary junk is
   * an error naming its line rather than replacement characters.
   */
  private static final class ByteLines {
    private final InputStream in;
    private final Path file;
    private final byte[] buffer = new byte[1 << 16];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder(); // reports errors
    private int pos;
    private int end;

    ByteLines(InputStream in, Path file) {
      this.in = in;
      this.file = file;
    }

    /** The next line without its newline (or a trailing CR); null at the end of the file. */
    String next(long number) throws IOException {
      line.reset();
      boolean any = false;
      while (true) {
        if (pos == end) {
          end = in.read(buffer);
          pos = 0;
          if (end <= 0) {
            end = 0;
            return any ? decode(number) : null;
          }
        }
        any = true;
        int start = pos;
        while (pos < end && buffer[pos] != '\n') pos++;
        line.write(buffer, start, pos - start);
        if (pos < end) {
          pos++; // the newline
          return decode(number);
        }
      }
    }

    private String decode(long number) {
      byte[] raw = line.toByteArray();
      int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
      try {
        return utf8.decode(ByteBuffer.wrap(raw, 0, length)).toString();
      } catch (CharacterCodingException e) {
        throw new ResultFileException(file, number, "not UTF-8 text (a binary file?)");
      }
    }
  }

  /** True when the file is empty or its last byte is a newline. */
  static boolean endsWithNewline(Path file) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long size = f.length();
      if (size == 0) return true;
      f.seek(size - 1);
      return f.read() == '\n';
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
