package dev.openenvbench.protocol;

import tools.jackson.databind.node.ObjectNode;

/** A well-formed message a client sends on {@code /ws} (PROTOCOL.md §2.2). */
public sealed interface ClientMessage {
  /** {@code {"type":"reset","data":{...}}}; {@code data} defaults to {@code {}}. */
  record Reset(ObjectNode data) implements ClientMessage {}

  /** {@code {"type":"step","data":{...}}}; {@code data} is the action, not yet validated. */
  record Step(ObjectNode action) implements ClientMessage {}

  /** {@code {"type":"state"}}. */
  record State() implements ClientMessage {}

  /** {@code {"type":"close"}}: end the session, no reply. */
  record Close() implements ClientMessage {}

  /** {@code {"type":"mcp","data":{JSON-RPC request}}}. */
  record Mcp(ObjectNode request) implements ClientMessage {}
}
