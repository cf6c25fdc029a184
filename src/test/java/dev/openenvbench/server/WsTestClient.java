package dev.openenvbench.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client for tests (the JDK's), which records every text frame and the close code
 * the server sends, so tests can assert on replies and on whether the session stayed open.
 */
final class WsTestClient implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

  /** The server's close frame. */
  record Closed(int code, String reason) {}

  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private WsTestClient(String wsUrl) {
    this.socket =
        HTTP.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create(wsUrl), new Listener())
            .join();
  }

  /** Opens {@code /ws} of the server at {@code http://host:port}. */
  static WsTestClient connect(String serverUrl) {
    return new WsTestClient(serverUrl.replaceFirst("^http", "ws") + "/ws");
  }

  static WsTestClient connectTo(String wsUrl) {
    return new WsTestClient(wsUrl);
  }

  /** Sends one text frame and returns the next frame the server sends. */
  String call(String text) throws InterruptedException {
    send(text);
    return next();
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  void sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  String next() throws InterruptedException {
    String frame = frames.poll(30, TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError("no frame from the server within 30 s");
    }
    return frame;
  }

  /** The close code the server sent, waiting up to 10 s for it. */
  int awaitClose() throws Exception {
    return awaitClosed(Duration.ofSeconds(10)).code();
  }

  /** The server's close code and reason, waiting up to {@code timeout} for them. */
  Closed awaitClosed(Duration timeout) throws Exception {
    return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean closedByServer() {
    return closed.isDone();
  }

  /** Drops the TCP connection without a close handshake. */
  void abort() {
    socket.abort();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(t -> null);
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(new Closed(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
