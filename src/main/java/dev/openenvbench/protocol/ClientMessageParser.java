package dev.openenvbench.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one {@code /ws} text frame into a {@link ParsedMessage}, with the Python server's error
 * codes and its strict envelopes: unknown top-level keys are rejected, {@code state} and {@code
 * close} take no {@code data}, {@code step} requires it (docs/protocol.md §5.2, §5.4).
 *
 * <p>Validating the action inside a step belongs to the environment, not to this class.
 */
public final class ClientMessageParser {
  private static final Set<String> TYPE_AND_DATA = Set.of(Envelope.TYPE, Envelope.DATA);
  private static final Set<String> TYPE_ONLY = Set.of(Envelope.TYPE);

  private ClientMessageParser() {}

  public static ParsedMessage parse(String text) {
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (JacksonException e) {
      return reject(WsErrorCode.INVALID_JSON, "Invalid JSON: " + describe(e));
    } catch (IllegalArgumentException e) {
      return reject(WsErrorCode.INVALID_JSON, "Invalid JSON: " + e.getMessage());
    }
    if (!(root instanceof ObjectNode envelope)) {
      // Python calls message.get("type") on whatever json.loads returned.
      return reject(
          WsErrorCode.SESSION_ERROR,
          "'" + PythonRepr.typeName(root) + "' object has no attribute 'get'");
    }
    JsonNode type = envelope.get(Envelope.TYPE);
    String typeName = type != null && type.isString() ? type.asString() : "";
    return switch (typeName) {
      case Envelope.RESET -> optionalData(envelope).map(d -> accept(new ClientMessage.Reset(d)));
      case Envelope.STEP -> requiredData(envelope).map(d -> accept(new ClientMessage.Step(d)));
      case Envelope.MCP -> requiredData(envelope).map(d -> accept(new ClientMessage.Mcp(d)));
      case Envelope.STATE -> noData(envelope, new ClientMessage.State());
      case Envelope.CLOSE -> noData(envelope, new ClientMessage.Close());
      default ->
          reject(
              WsErrorCode.UNKNOWN_TYPE,
              "Unknown message type: " + (type == null ? "" : PythonRepr.str(type)));
    };
  }

  /** A step toward a message: either the data object or the errors found so far. */
  private record DataCheck(ObjectNode data, List<FieldError> errors) {
    ParsedMessage map(java.util.function.Function<ObjectNode, ParsedMessage> next) {
      return errors.isEmpty()
          ? next.apply(data)
          : new ParsedMessage.Rejected(WsError.validation(errors));
    }
  }

  private static DataCheck optionalData(ObjectNode envelope) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode data = envelope.get(Envelope.DATA);
    ObjectNode object = Json.mapper().createObjectNode();
    if (data != null) {
      if (data instanceof ObjectNode o) {
        object = o;
      } else {
        errors.add(notADict(data));
      }
    }
    errors.addAll(FieldError.extraForbidden(envelope, TYPE_AND_DATA));
    return new DataCheck(object, errors);
  }

  private static DataCheck requiredData(ObjectNode envelope) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode data = envelope.get(Envelope.DATA);
    if (data == null) {
      errors.add(FieldError.of("missing", List.of(Envelope.DATA), "Field required", envelope));
    } else if (!(data instanceof ObjectNode)) {
      errors.add(notADict(data));
    }
    errors.addAll(FieldError.extraForbidden(envelope, TYPE_AND_DATA));
    return new DataCheck(data instanceof ObjectNode o ? o : null, errors);
  }

  private static ParsedMessage noData(ObjectNode envelope, ClientMessage message) {
    List<FieldError> errors = FieldError.extraForbidden(envelope, TYPE_ONLY);
    return errors.isEmpty()
        ? accept(message)
        : new ParsedMessage.Rejected(WsError.validation(errors));
  }

  private static FieldError notADict(JsonNode data) {
    return FieldError.of(
        "dict_type", List.of(Envelope.DATA), "Input should be a valid dictionary", data);
  }

  /** Jackson's reason plus a Python-style position, e.g. {@code ...: line 1 column 2 (char 1)}. */
  public static String describe(JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    String reason = reason(e);
    if (at == null) {
      return reason;
    }
    long charOffset = Math.max(0, at.getCharOffset());
    return reason
        + ": line "
        + at.getLineNr()
        + " column "
        + at.getColumnNr()
        + " (char "
        + charOffset
        + ")";
  }

  /** Jackson's one-line reason, without its notes on where the parser started. */
  public static String reason(JacksonException e) {
    String reason = e.getOriginalMessage();
    int newline = reason.indexOf('\n');
    if (newline > 0) {
      reason = reason.substring(0, newline);
    }
    return reason.replaceAll("\\s*\\(start marker at .*$", "").strip();
  }

  private static ParsedMessage accept(ClientMessage message) {
    return new ParsedMessage.Accepted(message);
  }

  private static ParsedMessage reject(WsErrorCode code, String message) {
    return new ParsedMessage.Rejected(WsError.of(code, message));
  }
}
