package dev.openenvbench.protocol;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A well-formed message a client sends on {@code /ws} (docs/protocol.md §5.2): what {@link
 * ClientFrames} encodes and {@link ClientMessageParser} decodes, so both halves share one model.
 */
public sealed interface ClientMessage {
  /** {@code {"type":"reset","data":{...}}}; {@code data} defaults to {@code {}}. */
  record Reset(ObjectNode data) implements ClientMessage {
    public Reset {
      data = data == null ? Json.mapper().createObjectNode() : data;
    }

    /** A reset with no options, {@code {"type":"reset","data":{}}}, as OpenEnv clients send it. */
    public Reset() {
      this(null);
    }
  }

  /** {@code {"type":"step","data":{...}}}; {@code data} is the action, not yet validated. */
  record Step(ObjectNode action) implements ClientMessage {
    public Step {
      Objects.requireNonNull(action, "a step needs an action");
    }
  }

  /** {@code {"type":"state"}}. */
  record State() implements ClientMessage {}

  /** {@code {"type":"close"}}: end the session, no reply. */
  record Close() implements ClientMessage {}

  /** {@code {"type":"mcp","data":{JSON-RPC request}}}. */
  record Mcp(ObjectNode request) implements ClientMessage {
    public Mcp {
      Objects.requireNonNull(request, "an mcp message needs a JSON-RPC request");
    }
  }
}
