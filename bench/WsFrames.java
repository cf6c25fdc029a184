import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** The few RFC 6455 pieces a client needs: the upgrade request, masked frames, frame headers. */
final class WsFrames {
  static final int TEXT = 1;
  static final int CLOSE = 8;
  static final int PING = 9;
  static final int PONG = 10;

  private WsFrames() {}

  /** A random Sec-WebSocket-Key (16 bytes, base64). */
  static String newKey() {
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The Sec-WebSocket-Accept value a server must answer for {@code key}. */
  static String acceptFor(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1")
          .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every JDK", e);
    }
  }

  static ByteBuffer upgradeRequest(String hostPort, String path, String key) {
    String req = "GET " + path + " HTTP/1.1\r\nHost: " + hostPort + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    return ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII));
  }

  /** One final, masked client frame. */
  static ByteBuffer clientFrame(int opcode, byte[] payload) {
    int len = payload.length;
    ByteBuffer b = ByteBuffer.allocate(14 + len);
    b.put((byte) (0x80 | opcode));
    if (len < 126) {
      b.put((byte) (0x80 | len));
    } else if (len <= 0xFFFF) {
      b.put((byte) (0x80 | 126)).putShort((short) len);
    } else {
      b.put((byte) (0x80 | 127)).putLong(len);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    b.put(mask);
    for (int i = 0; i < len; i++) {
      b.put((byte) (payload[i] ^ mask[i & 3]));
    }
    return b.flip();
  }

  static ByteBuffer text(String s) {
    return clientFrame(TEXT, s.getBytes(StandardCharsets.UTF_8));
  }

  static ByteBuffer close1000() {
    return clientFrame(CLOSE, new byte[] {0x03, (byte) 0xE8});
  }

  /** A frame read from the server: FIN bit, opcode, unmasked payload. */
  record Frame(boolean fin, int opcode, byte[] payload) {}

  /**
   * Takes one whole frame from {@code in} (flipped for reading), or returns null and leaves
   * {@code in}'s position unchanged when the frame is not complete yet.
   */
  static Frame next(ByteBuffer in) {
    int start = in.position();
    if (in.remaining() < 2) {
      return null;
    }
    int b0 = in.get() & 0xFF;
    int b1 = in.get() & 0xFF;
    long len = b1 & 0x7F;
    int extra = (len == 126 ? 2 : len == 127 ? 8 : 0) + ((b1 & 0x80) != 0 ? 4 : 0);
    if (in.remaining() < extra) {
      in.position(start);
      return null;
    }
    len = len == 126 ? in.getShort() & 0xFFFF : len == 127 ? in.getLong() : len;
    byte[] mask = null;
    if ((b1 & 0x80) != 0) {
      mask = new byte[4];
      in.get(mask);
    }
    if (in.remaining() < len) {
      in.position(start);
      return null;
    }
    byte[] payload = new byte[(int) len];
    in.get(payload);
    if (mask != null) {
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i & 3];
      }
    }
    return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
  }
}
