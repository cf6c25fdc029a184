package dev.openenvbench.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** The text of every frame the server sends on {@code /ws} (PROTOCOL.md §2.3). */
public final class ServerFrames {
  private ServerFrames() {}

  public static String observation(StepResult result) {
    return envelope("observation", result.wsData());
  }

  public static String state(Map<String, Object> state) {
    return envelope("state", state);
  }

  public static String error(WsError error) {
    return envelope("error", error.data());
  }

  public static String mcp(Map<String, Object> jsonRpcResponse) {
    return envelope("mcp", jsonRpcResponse);
  }

  private static String envelope(String type, Object data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("data", data);
    return Json.write(m);
  }
}
