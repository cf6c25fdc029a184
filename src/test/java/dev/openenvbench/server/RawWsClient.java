package dev.openenvbench.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket client on a plain socket, for what a well-behaved client never does: it does not
 * answer pings, and it can send part of a frame and stop. Frames are masked with the key 0, so the
 * payload goes on the wire as it is. Blocking; one thread.
 */
final class RawWsClient implements AutoCloseable {
  /** One frame from the server. */
  record Frame(int opcode, byte[] payload) {
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }

    String closeReason() {
      return new String(payload, 2, Math.max(0, payload.length - 2), StandardCharsets.UTF_8);
    }
  }

  /** How the server closed: its close frame, and the pings it sent before. */
  record Closed(int code, String reason, int pingsBefore) {}

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawWsClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Opens {@code /ws} of the server at {@code http://host:port} and completes the handshake. */
  static RawWsClient connect(String serverUrl) throws IOException {
    URI uri = URI.create(serverUrl);
    Socket socket = new Socket(uri.getHost(), uri.getPort());
    socket.setSoTimeout(30_000);
    RawWsClient client = new RawWsClient(socket);
    client.out.write(
        ("GET /ws HTTP/1.1\r\nHost: "
                + uri.getHost()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    String status = client.readHeaders();
    if (!status.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("handshake refused: " + status);
    }
    return client;
  }

  private String readHeaders() throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the handshake");
      }
      head.append((char) b);
    }
    return head.toString();
  }

  /** Sends one whole text frame. */
  void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    out.write(header(true, Frame.TEXT, payload.length));
    out.write(payload);
    out.flush();
  }

  /**
   * The header of a masked frame (key 0) of {@code length} payload bytes; send the payload after
   * it, in as many pieces as the test likes.
   */
  static byte[] header(boolean fin, int opcode, long length) {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    h.write((fin ? 0x80 : 0) | opcode);
    if (length < 126) {
      h.write(0x80 | (int) length);
    } else if (length <= 0xFFFF) {
      h.write(0x80 | 126);
      h.write((int) (length >>> 8));
      h.write((int) length);
    } else {
      h.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        h.write((int) (length >>> shift));
      }
    }
    h.writeBytes(new byte[4]);
    return h.toByteArray();
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next frame from the server (a single unfragmented frame, as this server sends). */
  Frame next() throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[Math.toIntExact(length)];
    in.readFully(payload);
    return new Frame(first & 0x0F, payload);
  }

  /** The next text frame, skipping pings. */
  String nextText() throws IOException {
    while (true) {
      Frame frame = next();
      if (frame.opcode() == Frame.TEXT) {
        return frame.text();
      }
      if (frame.opcode() != Frame.PING) {
        throw new AssertionError("expected a text frame, got opcode " + frame.opcode());
      }
    }
  }

  /** Reads, never answering a ping, until the server's close frame. */
  Closed awaitClose() throws IOException {
    List<Frame> pings = new ArrayList<>();
    while (true) {
      Frame frame = next();
      switch (frame.opcode()) {
        case Frame.PING -> pings.add(frame);
        case Frame.CLOSE -> {
          return new Closed(frame.closeCode(), frame.closeReason(), pings.size());
        }
        default -> {}
      }
    }
  }

  /** Whether the server closed the TCP connection (read returns end of stream) within 30 s. */
  boolean awaitEndOfStream() throws IOException {
    InputStream raw = socket.getInputStream();
    try {
      while (raw.read() >= 0) {
        // drain whatever the server still sent
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
