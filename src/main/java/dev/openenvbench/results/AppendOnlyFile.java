package dev.openenvbench.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends whole records to a result file, or nothing: when a write fails half-way (no space left,
 * an I/O error), the file is cut back to where the record started, so it never ends in half a row.
 * Each record is forced to the OS when written (not to the disk: a crash of the machine may still
 * lose the last records, never corrupt the earlier ones). Not thread-safe; writers serialise.
 */
final class AppendOnlyFile implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;

  AppendOnlyFile(Path file) {
    this.file = file;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      // APPEND: the kernel puts each write at the end, so two runs appending to one folder at once
      // interleave whole rows instead of overwriting each other's.
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new OutputWriteException(file, e);
    }
  }

  /** The file's size now: 0 for a new or empty file. */
  long size() {
    try {
      return channel.size();
    } catch (IOException e) {
      throw new OutputWriteException(file, e);
    }
  }

  /**
   * Appends one record.
   *
   * @throws OutputWriteException it could not be written; the file is as it was before
   */
  void append(byte[] record) {
    long start = size();
    try {
      ByteBuffer b = ByteBuffer.wrap(record);
      while (b.hasRemaining()) channel.write(b);
    } catch (IOException e) {
      try {
        channel.truncate(start);
      } catch (IOException ignored) {
        // The disk refused the write and now the repair: the reader's torn-line rule still holds.
      }
      throw new OutputWriteException(file, e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new OutputWriteException(file, e);
    }
  }
}
