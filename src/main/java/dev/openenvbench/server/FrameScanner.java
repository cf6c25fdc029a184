package dev.openenvbench.server;

import io.netty.buffer.ByteBuf;

/**
 * Follows the frame boundaries of the bytes a WebSocket client sends (RFC 6455 §5.2) to know how
 * many of them Netty's frame decoder and message aggregator are holding for a message that is not
 * complete yet. It reads frame headers only and skips payloads, so a buffer costs one step per
 * frame, and it never moves the buffer's reader index or copies anything.
 *
 * <p>Validation is the decoder's job: a frame it refuses closes the connection anyway. Not
 * thread-safe: one per connection, used on its event loop.
 */
final class FrameScanner {
  private enum State {
    FIRST,
    SECOND,
    LENGTH,
    MASK,
    PAYLOAD
  }

  private State state = State.FIRST;
  private boolean fin;
  private boolean data;
  private boolean masked;
  private int lengthBytesLeft;
  private long payloadLeft;
  private int maskBytesLeft;

  private long frameBytes;
  private long openMessageBytes;
  private long totalBytes;
  private long dataBytes;

  /** Takes in the readable bytes of {@code buf}, which must follow the bytes scanned before. */
  void scan(ByteBuf buf) {
    int index = buf.readerIndex();
    int end = buf.writerIndex();
    totalBytes += end - index;
    while (index < end) {
      int start = index;
      switch (state) {
        case FIRST -> first(buf.getByte(index++));
        case SECOND -> second(buf.getByte(index++));
        case LENGTH -> {
          payloadLeft = (payloadLeft << 8) | (buf.getByte(index++) & 0xFF);
          if (--lengthBytesLeft == 0) {
            afterLength();
          }
        }
        case MASK -> {
          int n = Math.min(maskBytesLeft, end - index);
          index += n;
          maskBytesLeft -= n;
          if (maskBytesLeft == 0) {
            state = State.PAYLOAD;
          }
        }
        case PAYLOAD -> {
          int n = (int) Math.min(payloadLeft, end - index);
          index += n;
          payloadLeft -= n;
        }
      }
      frameBytes += index - start;
      if (data) {
        dataBytes += index - start;
      }
      if (state == State.PAYLOAD && payloadLeft == 0) {
        frameEnded();
      }
    }
  }

  private void first(byte b) {
    fin = (b & 0x80) != 0;
    int opcode = b & 0x0F;
    data = opcode < 0x8; // 0 continuation, 1 text, 2 binary; 8 and up are control frames
    state = State.SECOND;
  }

  private void second(byte b) {
    masked = (b & 0x80) != 0;
    int length = b & 0x7F;
    if (length == 126 || length == 127) {
      lengthBytesLeft = length == 126 ? 2 : 8;
      payloadLeft = 0;
      state = State.LENGTH;
    } else {
      payloadLeft = length;
      afterLength();
    }
  }

  private void afterLength() {
    if (payloadLeft < 0) {
      payloadLeft = Long.MAX_VALUE; // invalid (top bit set): the decoder closes the connection
    }
    maskBytesLeft = masked ? 4 : 0;
    state = maskBytesLeft > 0 ? State.MASK : State.PAYLOAD;
  }

  private void frameEnded() {
    if (data) {
      // A final frame completes its message, which goes on to the session; the aggregator keeps
      // the frames of one that is still open.
      openMessageBytes = fin ? 0 : openMessageBytes + frameBytes;
    }
    frameBytes = 0;
    data = false;
    state = State.FIRST;
  }

  /** Bytes of the message (and any control frame) still arriving: what the pipeline holds. */
  long heldBytes() {
    return openMessageBytes + frameBytes;
  }

  /** Every byte scanned: any of them shows that the peer is alive. */
  long totalBytes() {
    return totalBytes;
  }

  /** Bytes of data frames (text, binary, continuation) scanned: a message on its way. */
  long dataBytes() {
    return dataBytes;
  }
}
