package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How many bytes of a client's stream the pipeline holds, fed in pieces as reads deliver them. */
class FrameScannerTest {
  private static final int TEXT = 0x1;
  private static final int CONTINUATION = 0x0;
  private static final int PING = 0x9;

  /** A masked frame as a client sends it: header, key, then {@code length} payload bytes. */
  private static byte[] frame(boolean fin, int opcode, int length) {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.writeBytes(RawWsClient.header(fin, opcode, length));
    f.writeBytes(new byte[length]);
    return f.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      all.writeBytes(p);
    }
    return all.toByteArray();
  }

  /** meaning, the stream, the sizes of the reads it arrives in, bytes held after, data bytes. */
  static Stream<Arguments> cases() {
    byte[] small = frame(true, TEXT, 40); // 6-byte header
    byte[] medium = frame(true, TEXT, 300); // 8-byte header
    byte[] large = frame(true, TEXT, 70_000); // 14-byte header
    byte[] firstPart = frame(false, TEXT, 100);
    byte[] ping = frame(true, PING, 4);
    byte[] lastPart = frame(true, CONTINUATION, 50);
    return Stream.of(
        Arguments.of("a whole small message holds nothing", small, List.of(46), 0L, 46L),
        Arguments.of(
            "two messages in one read hold nothing", concat(small, small), List.of(92), 0L, 92L),
        Arguments.of("half a small message holds the half", small, List.of(20), 20L, 20L),
        Arguments.of("a header cut inside the 16-bit length", medium, List.of(3), 3L, 3L),
        Arguments.of(
            "a 64-bit length frame in three reads, all there",
            large,
            List.of(5, 40_000, 30_009),
            0L,
            70_014L),
        Arguments.of(
            "a 64-bit length frame one byte short", large, List.of(70_013), 70_013L, 70_013L),
        Arguments.of(
            "the first fragment of a message is held", firstPart, List.of(106), 106L, 106L),
        Arguments.of(
            "a ping between fragments is not part of the message",
            concat(firstPart, ping),
            List.of(116),
            106L,
            106L),
        Arguments.of(
            "the final fragment releases the whole message",
            concat(firstPart, ping, lastPart),
            List.of(60, 60, 52),
            0L,
            162L),
        Arguments.of(
            "a message whole, then one begun",
            concat(small, medium),
            List.of(46 + 100),
            100L,
            146L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void holdsWhatTheDecoderAndAggregatorHold(
      String meaning, byte[] stream, List<Integer> reads, long held, long dataBytes) {
    FrameScanner scanner = new FrameScanner();
    int offset = 0;
    for (int n : reads) {
      ByteBuf read = Unpooled.wrappedBuffer(stream, offset, n);
      scanner.scan(read);
      assertThat(read.readerIndex()).as("reader index untouched").isZero();
      offset += n;
    }

    assertThat(scanner.heldBytes()).as("held").isEqualTo(held);
    assertThat(scanner.dataBytes()).as("data bytes").isEqualTo(dataBytes);
    assertThat(scanner.totalBytes()).as("all bytes").isEqualTo(offset);
  }
}
