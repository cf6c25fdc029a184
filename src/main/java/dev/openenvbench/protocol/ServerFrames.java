package dev.openenvbench.protocol;

import java.util.Map;

/**
 * The text of every frame the server sends on {@code /ws} (docs/protocol.md §5.3); {@link
 * ServerReplyParser} reads them back on the client side.
 */
public final class ServerFrames {
  private ServerFrames() {}

  public static String observation(StepResult result) {
    return observation(result, false);
  }

  /** With {@code withMetadata}, as OpenEnv 0.4+ sends it ({@link StepResult#wsData(boolean)}). */
  public static String observation(StepResult result, boolean withMetadata) {
    return Envelope.text(Envelope.OBSERVATION, result.wsData(withMetadata));
  }

  public static String state(Map<String, Object> state) {
    return Envelope.text(Envelope.STATE, state);
  }

  public static String error(WsError error) {
    return Envelope.text(Envelope.ERROR, error.data());
  }

  public static String mcp(Map<String, Object> jsonRpcResponse) {
    return Envelope.text(Envelope.MCP, jsonRpcResponse);
  }
}
