package dev.openenvbench.protocol;

/**
 * The text of every frame a client sends on {@code /ws} (docs/protocol.md §5.2), compact, in the
 * envelope {@link ClientMessageParser} accepts: {@code reset}, {@code step} and {@code mcp} carry
 * {@code data}, {@code state} and {@code close} carry none.
 *
 * <p>Stateless and thread-safe. Encoding walks the message's JSON, so a client that sends the same
 * frame many times (the harness's step) encodes it once and keeps the text.
 */
public final class ClientFrames {
  private ClientFrames() {}

  public static String text(ClientMessage message) {
    return switch (message) {
      case ClientMessage.Reset(var data) -> Envelope.text(Envelope.RESET, data);
      case ClientMessage.Step(var action) -> Envelope.text(Envelope.STEP, action);
      case ClientMessage.State() -> Envelope.text(Envelope.STATE);
      case ClientMessage.Close() -> Envelope.text(Envelope.CLOSE);
      case ClientMessage.Mcp(var request) -> Envelope.text(Envelope.MCP, request);
    };
  }
}
