package dev.openenvbench.protocol;

/** What became of one text frame: a message to act on, or the error to send back. */
public sealed interface ParsedMessage {
  record Accepted(ClientMessage message) implements ParsedMessage {}

  record Rejected(WsError error) implements ParsedMessage {}
}
