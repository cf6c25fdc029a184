package dev.openenvbench.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The exact text a client sends, frame by frame and body by body: compact JSON in the envelope
 * docs/protocol.md §5.2 shows, as the seed's client sends it (§7.2, §7.3).
 */
class ClientFramesTest {
  static Stream<Arguments> frames() {
    return Stream.of(
        Arguments.of(
            "reset without options", new ClientMessage.Reset(), "{\"type\":\"reset\",\"data\":{}}"),
        Arguments.of(
            "reset with a seed",
            new ClientMessage.Reset(object("{\"seed\":3}")),
            "{\"type\":\"reset\",\"data\":{\"seed\":3}}"),
        Arguments.of(
            "the benchmark's step",
            new ClientMessage.Step(new BenchmarkAction(1.0).json()),
            "{\"type\":\"step\",\"data\":{\"wait_seconds\":1.0}}"),
        Arguments.of(
            "a tiny wait in Python's spelling, not Java's 1.0E-5",
            new ClientMessage.Step(new BenchmarkAction(1e-5).json()),
            "{\"type\":\"step\",\"data\":{\"wait_seconds\":0.00001}}"),
        Arguments.of("state, without data", new ClientMessage.State(), "{\"type\":\"state\"}"),
        Arguments.of("close, without data", new ClientMessage.Close(), "{\"type\":\"close\"}"),
        Arguments.of(
            "mcp with a JSON-RPC request",
            new ClientMessage.Mcp(
                object("{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"id\":1}")),
            "{\"type\":\"mcp\",\"data\":{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"id\":1}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frames")
  void encodesEachMessageAsOneCompactFrame(String meaning, ClientMessage message, String text) {
    assertThat(ClientFrames.text(message)).isEqualTo(text);
  }

  static Stream<Arguments> httpCalls() {
    return Stream.of(
        Arguments.of(
            "reset without options sends no body and no content type",
            HttpCall.reset(),
            new HttpCall("POST", "/reset", null),
            null),
        Arguments.of(
            "reset with options sends them as the body",
            HttpCall.reset(object("{\"seed\":3}")),
            new HttpCall("POST", "/reset", "{\"seed\":3}"),
            "application/json"),
        Arguments.of(
            "step nests the action under \"action\"",
            HttpCall.step(new BenchmarkAction(0.5).json()),
            new HttpCall("POST", "/step", "{\"action\":{\"wait_seconds\":0.5}}"),
            "application/json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("httpCalls")
  void encodesEachHttpCall(String meaning, HttpCall call, HttpCall expected, String contentType) {
    assertThat(call).isEqualTo(expected);
    assertThat(call.contentType()).isEqualTo(contentType);
  }

  private static ObjectNode object(String json) {
    return (ObjectNode) Json.parse(json);
  }
}
