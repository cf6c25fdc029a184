package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code /ws} session protocol over real sockets: replies byte for byte as docs/protocol.md
 * §5.3 gives them, every per-message error code, and whether the session stays open after each.
 */
class WsProtocolTest {
  static final String OBSERVATION =
      "{\"type\":\"observation\",\"data\":{\"observation\":{\"metadata\":{},\"waited_seconds\":%s,\"pid\":PID,\"session_hash\":\"HASH\",\"host_url\":\"HOST:PORT\",\"step_count\":%d},\"reward\":null,\"done\":false}}";

  static ServerFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = ServerFixture.start(100);
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  @AfterEach
  void everySessionIsFreed() throws Exception {
    fixture.awaitNoSessions();
  }

  private static String call(WsTestClient ws, String text) throws InterruptedException {
    return Golden.normalize(ws.call(text));
  }

  @Test
  void anEpisodeResetStepStateClose() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(fixture.url())) {
      String reset = ws.call("{\"type\": \"reset\", \"data\": {}}");
      assertThat(Golden.normalize(reset)).isEqualTo(OBSERVATION.formatted("0.0", 0));
      long sent = System.nanoTime();
      String step = ws.call("{\"type\":\"step\",\"data\":{\"wait_seconds\":0.05}}");
      // The reply is ready at once but leaves only when the wait is over.
      assertThat(System.nanoTime() - sent).isGreaterThanOrEqualTo(50_000_000L);
      assertThat(Golden.normalize(step)).isEqualTo(OBSERVATION.formatted("0.05", 1));
      assertThat(call(ws, "{\"type\":\"step\",\"data\":{\"wait_seconds\":0}}"))
          .isEqualTo(OBSERVATION.formatted("0.0", 2));
      assertThat(call(ws, "{\"type\":\"state\"}"))
          .isEqualTo("{\"type\":\"state\",\"data\":{\"episode_id\":\"UUID\",\"step_count\":2}}");
      // one environment per connection: the session hash never changes within it
      assertThat(hash(reset)).isEqualTo(hash(step));
      ws.send("{\"type\":\"close\"}");
      assertThat(ws.awaitClose()).isEqualTo(1000);
    }
  }

  @Test
  void resetKeepsTheEpisodeIdAndZeroesTheCount() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(fixture.url())) {
      ws.call("{\"type\":\"step\",\"data\":{}}");
      String before = ws.call("{\"type\":\"state\"}");
      assertThat(call(ws, "{\"type\":\"reset\"}")).isEqualTo(OBSERVATION.formatted("0.0", 0));
      String after = ws.call("{\"type\":\"state\"}");
      assertThat(after).isEqualTo(before.replace("\"step_count\":1", "\"step_count\":0"));
    }
  }

  @Test
  void coercesActionsLikePydanticLaxMode() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(fixture.url())) {
      assertThat(call(ws, "{\"type\":\"step\",\"data\":{\"wait_seconds\":\"0.01\"}}"))
          .isEqualTo(OBSERVATION.formatted("0.01", 1));
      assertThat(call(ws, "{\"type\":\"step\",\"data\":{\"wait_seconds\":false,\"metadata\":{}}}"))
          .isEqualTo(OBSERVATION.formatted("0.0", 2));
    }
  }

  /** Per-message errors: one error frame each, and the session stays usable. */
  @Test
  void perMessageErrorsKeepTheSessionOpen() throws Exception {
    String[][] cases = {
      // sent, expected reply (normalized)
      {
        "{\"type\":\"foo\"}",
        "{\"type\":\"error\",\"data\":{\"message\":\"Unknown message type: foo\",\"code\":\"UNKNOWN_TYPE\"}}"
      },
      {
        "{\"data\":{}}",
        "{\"type\":\"error\",\"data\":{\"message\":\"Unknown message type: \",\"code\":\"UNKNOWN_TYPE\"}}"
      },
      {
        "{\"type\":null}",
        "{\"type\":\"error\",\"data\":{\"message\":\"Unknown message type: None\",\"code\":\"UNKNOWN_TYPE\"}}"
      },
      {
        "{\"type\":\"Reset\"}",
        "{\"type\":\"error\",\"data\":{\"message\":\"Unknown message type: Reset\",\"code\":\"UNKNOWN_TYPE\"}}"
      },
      {
        "{\"type\":\"step\"}",
        "{\"type\":\"error\",\"data\":{\"message\":\"Invalid message\",\"code\":\"VALIDATION_ERROR\",\"errors\":[{\"type\":\"missing\",\"loc\":[\"data\"],\"msg\":\"Field required\",\"input\":{\"type\":\"step\"},\"url\":\"https://errors.pydantic.dev/2.12/v/missing\"}]}}"
      },
      {
        "{\"type\":\"step\",\"data\":{\"wait_seconds\":\"abc\"}}",
        "{\"type\":\"error\",\"data\":{\"message\":\"Invalid message\",\"code\":\"VALIDATION_ERROR\",\"errors\":[{\"type\":\"float_parsing\",\"loc\":[\"wait_seconds\"],\"msg\":\"Input should be a valid number, unable to parse string as a number\",\"input\":\"abc\",\"url\":\"https://errors.pydantic.dev/2.12/v/float_parsing\"}]}}"
      },
      {
        "{\"type\":\"state\",\"data\":{}}",
        "{\"type\":\"error\",\"data\":{\"message\":\"Invalid message\",\"code\":\"VALIDATION_ERROR\",\"errors\":[{\"type\":\"extra_forbidden\",\"loc\":[\"data\"],\"msg\":\"Extra inputs are not permitted\",\"input\":{},\"url\":\"https://errors.pydantic.dev/2.12/v/extra_forbidden\"}]}}"
      },
      {
        "{\"type\":\"close\",\"data\":{}}",
        "{\"type\":\"error\",\"data\":{\"message\":\"Invalid message\",\"code\":\"VALIDATION_ERROR\",\"errors\":[{\"type\":\"extra_forbidden\",\"loc\":[\"data\"],\"msg\":\"Extra inputs are not permitted\",\"input\":{},\"url\":\"https://errors.pydantic.dev/2.12/v/extra_forbidden\"}]}}"
      },
      {
        "{\"type\":\"reset\",\"data\":[]}",
        "{\"type\":\"error\",\"data\":{\"message\":\"Invalid message\",\"code\":\"VALIDATION_ERROR\",\"errors\":[{\"type\":\"dict_type\",\"loc\":[\"data\"],\"msg\":\"Input should be a valid dictionary\",\"input\":[],\"url\":\"https://errors.pydantic.dev/2.12/v/dict_type\"}]}}"
      },
      {
        "{\"type\":\"reset\",\"data\":{},\"id\":7}",
        "{\"type\":\"error\",\"data\":{\"message\":\"Invalid message\",\"code\":\"VALIDATION_ERROR\",\"errors\":[{\"type\":\"extra_forbidden\",\"loc\":[\"id\"],\"msg\":\"Extra inputs are not permitted\",\"input\":7,\"url\":\"https://errors.pydantic.dev/2.12/v/extra_forbidden\"}]}}"
      },
      {
        "{\"type\":\"step\",\"data\":{\"wait_seconds\":null}}",
        "{\"type\":\"error\",\"data\":{\"message\":\"Invalid message\",\"code\":\"VALIDATION_ERROR\",\"errors\":[{\"type\":\"float_type\",\"loc\":[\"wait_seconds\"],\"msg\":\"Input should be a valid number\",\"input\":null,\"url\":\"https://errors.pydantic.dev/2.12/v/float_type\"}]}}"
      },
      {
        "{\"type\":\"mcp\",\"data\":{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"id\":1}}",
        "{\"type\":\"mcp\",\"data\":{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":\"Environment does not support MCP\",\"data\":null}}}"
      },
    };
    try (WsTestClient ws = WsTestClient.connect(fixture.url())) {
      for (String[] c : cases) {
        assertThat(call(ws, c[0])).as(c[0]).isEqualTo(c[1]);
      }
      assertThat(call(ws, "{\"type\":\"step\",\"data\":{}}"))
          .isEqualTo(OBSERVATION.formatted("0.0", 1));
      assertThat(ws.closedByServer()).isFalse();
    }
  }

  @Test
  void invalidJsonIsReportedWithItsPosition() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(fixture.url())) {
      assertThat(ws.call("{\"type\": reset}"))
          .startsWith("{\"type\":\"error\",\"data\":{\"message\":\"Invalid JSON: ")
          .contains("line 1 column ")
          .endsWith("\"code\":\"INVALID_JSON\"}}");
      assertThat(ws.call("{} trailing")).contains("\"code\":\"INVALID_JSON\"");
      assertThat(ws.call("")).contains("\"code\":\"INVALID_JSON\"");
      assertThat(call(ws, "{\"type\":\"reset\"}")).isEqualTo(OBSERVATION.formatted("0.0", 0));
    }
  }

  /** Deliberately stricter than Python: waits must be finite, non-negative and within the guard. */
  @Test
  void rejectsWaitsPythonWouldSleepOn() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(fixture.url())) {
      assertThat(ws.call("{\"type\":\"step\",\"data\":{\"wait_seconds\":-1}}"))
          .contains("\"type\":\"greater_than_equal\"", "\"ctx\":{\"ge\":0}");
      assertThat(ws.call("{\"type\":\"step\",\"data\":{\"wait_seconds\":NaN}}"))
          .contains("\"type\":\"finite_number\"", "\"input\":null");
      assertThat(ws.call("{\"type\":\"step\",\"data\":{\"wait_seconds\":\"inf\"}}"))
          .contains("\"type\":\"finite_number\"");
      assertThat(ws.call("{\"type\":\"step\",\"data\":{\"wait_seconds\":1e9}}"))
          .contains("\"type\":\"less_than_equal\"", "\"ctx\":{\"le\":600.0}");
      assertThat(ws.closedByServer()).isFalse();
    }
  }

  @Test
  void aTopLevelValueThatIsNotAnObjectEndsTheSession() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(fixture.url())) {
      assertThat(ws.call("[1,2]"))
          .isEqualTo(
              "{\"type\":\"error\",\"data\":{\"message\":\"'list' object has no attribute 'get'\",\"code\":\"SESSION_ERROR\"}}");
      assertThat(ws.awaitClose()).isEqualTo(1000);
    }
  }

  @Test
  void aBinaryFrameEndsTheSessionWithSessionError() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(fixture.url())) {
      ws.sendBinary(new byte[] {1, 2, 3});
      assertThat(ws.next())
          .contains("\"code\":\"SESSION_ERROR\"", "Binary frames are not supported");
      assertThat(ws.awaitClose()).isEqualTo(1000);
    }
  }

  @Test
  void pipelinedMessagesAreAnsweredInOrder() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(fixture.url())) {
      for (int i = 0; i < 20; i++) {
        ws.send("{\"type\":\"step\",\"data\":{\"wait_seconds\":0.001}}");
      }
      for (int i = 1; i <= 20; i++) {
        assertThat(Golden.normalize(ws.next())).isEqualTo(OBSERVATION.formatted("0.001", i));
      }
    }
  }

  @Test
  void theQueryStringIsIgnored() throws Exception {
    try (WsTestClient ws =
        WsTestClient.connectTo(fixture.url().replaceFirst("^http", "ws") + "/ws?client=x")) {
      assertThat(call(ws, "{\"type\":\"reset\"}")).isEqualTo(OBSERVATION.formatted("0.0", 0));
    }
  }

  private static String hash(String frame) {
    return frame.replaceAll(".*\"session_hash\":\"([0-9a-f]+)\".*", "$1");
  }
}
