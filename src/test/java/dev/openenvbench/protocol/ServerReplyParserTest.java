package dev.openenvbench.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replies that no encoder of ours produces: what other servers (newer OpenEnv releases, broken
 * proxies) may send. Tolerated where OpenEnv's own client tolerates them, a {@link
 * ServerReply.Malformed} value otherwise; never an exception.
 */
class ServerReplyParserTest {
  static Stream<Arguments> frames() {
    return Stream.of(
        Arguments.of(
            "extra keys (openenv 0.4+ adds metadata) are kept, not rejected",
            "{\"type\":\"observation\",\"data\":{\"observation\":{\"metadata\":{},\"pid\":1},"
                + "\"reward\":null,\"done\":false,\"metadata\":null}}",
            new ServerReply.Observation(
                object("{\"metadata\":{},\"pid\":1}"), NullNode.getInstance(), false)),
        Arguments.of(
            "missing observation, reward and done default as in OpenEnv's client",
            "{\"type\":\"observation\",\"data\":{}}",
            new ServerReply.Observation(object("{}"), NullNode.getInstance(), false)),
        Arguments.of(
            "an error code this protocol does not know is kept as sent",
            "{\"type\":\"error\",\"data\":{\"message\":\"slow down\",\"code\":\"RATE_LIMITED\","
                + "\"retry_after\":1}}",
            new ServerReply.Error(
                null, "RATE_LIMITED", "slow down", object("{\"retry_after\":1}"))),
        Arguments.of(
            "an error whose code and message are not text is still the server's error",
            "{\"type\":\"error\",\"data\":{\"message\":{\"a\":1},\"code\":[1]}}",
            new ServerReply.Error(null, null, "", object("{}"))),
        Arguments.of(
            "an error without data is still the server's error",
            "{\"type\":\"error\"}",
            new ServerReply.Error(null, null, "", object("{}"))),
        Arguments.of("text that is not JSON", "Internal Server Error", malformed("is not JSON")),
        Arguments.of(
            "JSON followed by more text", "{\"type\":\"state\"}x", malformed("is not JSON")),
        Arguments.of("JSON that is not an object", "[1,2]", malformed("is not a JSON object")),
        Arguments.of("an object without a type", "{\"data\":{}}", malformed("has no type")),
        Arguments.of(
            "a type no client expects",
            "{\"type\":\"validation\",\"data\":{}}",
            malformed("has unexpected type 'validation'")),
        Arguments.of(
            "observation data that is not an object",
            "{\"type\":\"observation\",\"data\":5}",
            malformed("has observation data that is not an object")),
        Arguments.of(
            "an observation that is not an object",
            "{\"type\":\"observation\",\"data\":{\"observation\":[]}}",
            malformed("has an observation that is not an object")),
        Arguments.of(
            "a done flag that is not a boolean",
            "{\"type\":\"observation\",\"data\":{\"done\":\"no\"}}",
            malformed("has a done flag that is not a boolean")),
        Arguments.of(
            "state data that is not an object",
            "{\"type\":\"state\",\"data\":null}",
            malformed("has state data that is not an object")),
        Arguments.of(
            "mcp without data",
            "{\"type\":\"mcp\"}",
            malformed("has mcp data that is not an object")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frames")
  void readsOrJudgesEachFrame(String meaning, String frame, ServerReply expected) {
    assertThat(ServerReplyParser.frame(frame)).isEqualTo(expected);
  }

  static Stream<Arguments> httpBodies() {
    return Stream.of(
        Arguments.of(
            "openenv 0.4+'s top-level metadata is ignored",
            "{\"observation\":{\"pid\":1},\"reward\":0.5,\"done\":false,\"metadata\":null}",
            new ServerReply.Observation(
                object("{\"pid\":1}"), JsonNodeFactory.instance.numberNode(0.5), false)),
        Arguments.of("a proxy's HTML page", "<html>502</html>", malformed("is not JSON")),
        Arguments.of("a JSON string", "\"ok\"", malformed("is not a JSON object")),
        Arguments.of(
            "an observation that is not an object",
            "{\"observation\":\"x\"}",
            malformed("has an observation that is not an object")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("httpBodies")
  void readsOrJudgesEachHttpBody(String meaning, String body, ServerReply expected) {
    assertThat(ServerReplyParser.httpBody(body)).isEqualTo(expected);
  }

  private static ServerReply.Malformed malformed(String reason) {
    return new ServerReply.Malformed(reason);
  }

  private static ObjectNode object(String json) {
    return (ObjectNode) Json.parse(json);
  }
}
