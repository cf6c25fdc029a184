package dev.openenvbench.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
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
    long number = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      while (line != null) {
        String next = in.readLine();
        number++;
        boolean last = next == null;
        if (!visitor.line(number, line, last && !terminated)) torn++;
        line = next;
      }
    } catch (CharacterCodingException e) {
      throw new ResultFileException(file, number + 1, "not UTF-8 text (a binary file?)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return torn;
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
