package dev.openenvbench.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * A well-behaved client for {@link HalfOpenPeerTest}, run as its own process inside a network
 * namespace: connects to the {@code /ws} URL given, sends a reset and then a step of the given
 * seconds, answers pings (the JDK's client does that itself) and prints one line per event on
 * stdout ({@code text <frame>}, {@code ping}, {@code closed <code>}). Runs until killed.
 */
public final class NetnsWsClient {
  private NetnsWsClient() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String step = "{\"type\":\"step\",\"data\":{\"wait_seconds\":" + args[1] + "}}";
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create(url), new Printer())
            .join();
    ws.sendText("{\"type\":\"reset\"}", true).join();
    ws.sendText(step, true).join();
    new CountDownLatch(1).await();
  }

  private static final class Printer implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      print("text " + data);
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
      print("ping");
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      print("closed " + statusCode);
      return null;
    }

    private static synchronized void print(String line) {
      System.out.println(line);
      System.out.flush();
    }
  }
}
