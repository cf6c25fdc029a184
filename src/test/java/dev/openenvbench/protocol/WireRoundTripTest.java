package dev.openenvbench.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two halves of the wire agree: what the client encodes, the server's parser reads back as the
 * same message; what the server encodes, the client's parser reads back as the same values. One row
 * per message kind and per error code, each with its meaning.
 */
class WireRoundTripTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final BenchmarkObservation RESET =
      new BenchmarkObservation(0.0, 4242L, "649a1a697bca", "bench-host:8000", 0);
  private static final BenchmarkObservation STEPPED =
      new BenchmarkObservation(1.5, 4242L, "649a1a697bca", "bench-host:8000", 1);

  static Stream<Arguments> clientMessages() {
    return Stream.of(
        Arguments.of("reset without options, as the harness sends it", new ClientMessage.Reset()),
        Arguments.of(
            "reset with options the server passes on to env.reset",
            new ClientMessage.Reset(object("{\"seed\":7,\"episode_id\":\"e-1\"}"))),
        Arguments.of(
            "step with the benchmark's action",
            new ClientMessage.Step(new BenchmarkAction(1.0).json())),
        Arguments.of(
            "step with a tiny wait, which Python spells 0.00001",
            new ClientMessage.Step(new BenchmarkAction(1e-5).json())),
        Arguments.of(
            "step with a nested action: objects, arrays, nulls and non-ASCII text survive",
            new ClientMessage.Step(
                object(
                    "{\"wait_seconds\":0.5,\"metadata\":{\"tags\":[\"a\",{\"b\":null}],"
                        + "\"note\":\"h\u00e9llo \u2713\",\"n\":3,\"big\":12345678901}}"))),
        Arguments.of("state, which carries no data", new ClientMessage.State()),
        Arguments.of("close, which carries no data", new ClientMessage.Close()),
        Arguments.of(
            "mcp with a JSON-RPC request",
            new ClientMessage.Mcp(
                object("{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"id\":1}"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clientMessages")
  void theServerReadsWhatTheClientEncodes(String meaning, ClientMessage message) {
    String frame = ClientFrames.text(message);

    assertThat(ClientMessageParser.parse(frame)).isEqualTo(new ParsedMessage.Accepted(message));
  }

  @Test
  void everyClientMessageKindHasARow() {
    Set<Class<?>> kinds =
        clientMessages().map(a -> a.get()[1].getClass()).collect(Collectors.toSet());
    assertThat(kinds).containsExactlyInAnyOrderElementsOf(leaves(ClientMessage.class));
  }

  static Stream<Arguments> serverFrames() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("episode_id", "0b6f1c9e-3d1a-4c2e-9a77-5b1f0e2d8c11");
    state.put("step_count", 1);
    Map<String, Object> mcpError = new LinkedHashMap<>();
    mcpError.put("code", -32603);
    mcpError.put("message", "Environment does not support MCP");
    mcpError.put("data", null);
    Map<String, Object> mcp = new LinkedHashMap<>();
    mcp.put("jsonrpc", "2.0");
    mcp.put("id", 1);
    mcp.put("error", mcpError);
    return Stream.of(
        Arguments.of(
            "the benchmark's reset observation",
            ServerFrames.observation(new StepResult(RESET.fields(), null, false)),
            new ServerReply.Observation(json(RESET.fields()), NullNode.getInstance(), false)),
        Arguments.of(
            "an int reward stays an int on /ws",
            ServerFrames.observation(new StepResult(STEPPED.fields(), 1, false)),
            new ServerReply.Observation(json(STEPPED.fields()), NODES.numberNode(1), false)),
        Arguments.of(
            "a boolean reward and done=true on /ws",
            ServerFrames.observation(new StepResult(STEPPED.fields(), true, true)),
            new ServerReply.Observation(json(STEPPED.fields()), NODES.booleanNode(true), true)),
        Arguments.of(
            "a state frame: episode_id, step_count",
            ServerFrames.state(state),
            new ServerReply.State(json(state))),
        Arguments.of(
            "an mcp frame carrying a JSON-RPC error",
            ServerFrames.mcp(mcp),
            new ServerReply.Mcp(json(mcp))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverFrames")
  void theClientReadsTheFramesTheServerEncodes(String meaning, String frame, ServerReply expected) {
    assertThat(ServerReplyParser.frame(frame)).isEqualTo(expected);
  }

  static Stream<Arguments> httpBodies() {
    return Stream.of(
        Arguments.of(
            "the benchmark's step body",
            new StepResult(STEPPED.fields(), null, false),
            new ServerReply.Observation(json(STEPPED.fields()), NullNode.getInstance(), false)),
        Arguments.of(
            "HTTP coerces an int reward to a float",
            new StepResult(STEPPED.fields(), 1, false),
            new ServerReply.Observation(json(STEPPED.fields()), NODES.numberNode(1.0), false)),
        Arguments.of(
            "HTTP coerces a boolean reward to a float; done=true",
            new StepResult(STEPPED.fields(), true, true),
            new ServerReply.Observation(json(STEPPED.fields()), NODES.numberNode(1.0), true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("httpBodies")
  void theClientReadsTheHttpBodiesTheServerEncodes(
      String meaning, StepResult result, ServerReply expected) {
    String body = Json.write(result.httpBody());

    assertThat(ServerReplyParser.httpBody(body)).isEqualTo(expected);
  }

  @Test
  void theBenchmarkObservationReadsBackAsTheRecordTheEnvironmentWrote() {
    String frame = ServerFrames.observation(new StepResult(STEPPED.fields(), null, false));
    String body = Json.write(new StepResult(STEPPED.fields(), null, false).httpBody());

    for (ServerReply reply :
        List.of(ServerReplyParser.frame(frame), ServerReplyParser.httpBody(body))) {
      assertThat(reply)
          .isInstanceOfSatisfying(
              ServerReply.Observation.class,
              o -> assertThat(BenchmarkObservation.from(o.observation())).isEqualTo(STEPPED));
    }
  }

  static Stream<Arguments> errors() {
    FieldError notANumber =
        FieldError.of(
            "float_parsing",
            List.of(BenchmarkAction.WAIT_SECONDS),
            "Input should be a valid number, unable to parse string as a number",
            NODES.stringNode("abc"));
    return Stream.of(
        Arguments.of(
            "INVALID_JSON: the frame was not JSON",
            WsError.of(
                WsErrorCode.INVALID_JSON,
                "Invalid JSON: Expecting value: line 1 column 1 (char 0)"),
            null,
            null),
        Arguments.of(
            "UNKNOWN_TYPE: a type the server does not know",
            WsError.of(WsErrorCode.UNKNOWN_TYPE, "Unknown message type: ping"),
            null,
            null),
        Arguments.of(
            "VALIDATION_ERROR: with pydantic's errors list",
            WsError.validation(List.of(notANumber)),
            null,
            null),
        Arguments.of(
            "EXECUTION_ERROR: the environment raised",
            WsError.of(WsErrorCode.EXECUTION_ERROR, "sleep length must be non-negative"),
            null,
            null),
        Arguments.of(
            "CAPACITY_REACHED: with the server's active and max session counts",
            WsError.capacityReached(8, 10),
            8,
            10),
        Arguments.of(
            "FACTORY_ERROR: with the factory's name",
            WsError.factoryFailed("BenchmarkEnvironment"),
            null,
            null),
        Arguments.of(
            "SESSION_ERROR: the session could not go on",
            WsError.of(WsErrorCode.SESSION_ERROR, "'list' object has no attribute 'get'"),
            null,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void theClientReadsEveryErrorTheServerSends(
      String meaning, WsError error, Integer activeSessions, Integer maxSessions) {
    ServerReply reply = ServerReplyParser.frame(ServerFrames.error(error));

    assertThat(reply)
        .isEqualTo(
            new ServerReply.Error(
                error.code(), error.code().name(), error.message(), json(error.extra())));
    ServerReply.Error e = (ServerReply.Error) reply;
    assertThat(e.activeSessions()).isEqualTo(activeSessions);
    assertThat(e.maxSessions()).isEqualTo(maxSessions);
  }

  @Test
  void everyErrorCodeAndReplyKindHasARow() {
    assertThat(errors().map(a -> ((WsError) a.get()[1]).code()).collect(Collectors.toSet()))
        .isEqualTo(EnumSet.allOf(WsErrorCode.class));
    Set<Class<?>> kinds =
        Stream.concat(serverFrames(), httpBodies())
            .map(a -> a.get()[2].getClass())
            .collect(Collectors.toCollection(HashSet::new));
    kinds.add(ServerReply.Error.class); // the errors table
    assertThat(kinds)
        .as("every reply a server sends (Malformed is the client's own verdict)")
        .containsExactlyInAnyOrderElementsOf(
            leaves(ServerReply.class).stream()
                .filter(c -> c != ServerReply.Malformed.class)
                .toList());
  }

  /** The record types of a sealed hierarchy, through its nested sealed interfaces. */
  private static List<Class<?>> leaves(Class<?> sealed) {
    return Arrays.stream(sealed.getPermittedSubclasses())
        .flatMap(c -> c.isSealed() ? leaves(c).stream() : Stream.of(c))
        .distinct()
        .toList();
  }

  private static ObjectNode object(String json) {
    return (ObjectNode) Json.parse(json);
  }

  /**
   * {@code value} as any JSON parser reads it once written, e.g. a long pid that fits an int as an
   * int node: what a client can expect back for it.
   */
  private static ObjectNode json(Map<String, ?> value) {
    return (ObjectNode) Json.parse(Json.write(value));
  }
}
