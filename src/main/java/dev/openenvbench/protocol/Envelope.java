package dev.openenvbench.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code {"type":…,"data":…}} envelope of every {@code /ws} message, in both directions, and
 * the type names (docs/protocol.md §5.2, §5.3). The client's encoder and parser and the server's
 * are written against these names, so the two halves cannot spell a type differently.
 */
final class Envelope {
  static final String TYPE = "type";
  static final String DATA = "data";

  // Client → server.
  static final String RESET = "reset";
  static final String STEP = "step";
  static final String STATE = "state";
  static final String CLOSE = "close";
  static final String MCP = "mcp";

  // Server → client; "state" and "mcp" are answered with their own name.
  static final String OBSERVATION = "observation";
  static final String ERROR = "error";

  private Envelope() {}

  /** {@code {"type":type,"data":data}}, compact. */
  static String text(String type, Object data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(TYPE, type);
    m.put(DATA, data);
    return Json.write(m);
  }

  /** {@code {"type":type}}: {@code state} and {@code close} must carry no {@code data} at all. */
  static String text(String type) {
    return Json.write(Map.of(TYPE, type));
  }
}
