import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One session's socket, phase and buffers. Touched only by the {@link WsLoop} thread. Writes go
 * straight to the socket; only what the socket does not take is buffered until it is writable.
 */
final class WsConn {
  SocketChannel ch;
  SelectionKey key;
  WsLoop.Phase phase = WsLoop.Phase.CONNECTING;
  long deadlineNanos;
  String wsKey;
  ByteBuffer in = ByteBuffer.allocate(1024);
  final StringBuilder text = new StringBuilder();
  private ByteBuffer out;

  void send(ByteBuffer frame) throws IOException {
    if (out == null) {
      ch.write(frame);
      if (!frame.hasRemaining()) {
        return;
      }
      out = ByteBuffer.allocate(frame.remaining() + 256);
    } else if (out.remaining() < frame.remaining()) {
      out = ByteBuffer.allocate(out.position() + frame.remaining() + 256).put(out.flip());
    }
    out.put(frame);
    key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
  }

  /** Called when the socket is writable. */
  void flush() throws IOException {
    out.flip();
    ch.write(out);
    if (out.hasRemaining()) {
      out.compact();
    } else {
      out = null;
      key.interestOps(SelectionKey.OP_READ);
    }
  }
}
