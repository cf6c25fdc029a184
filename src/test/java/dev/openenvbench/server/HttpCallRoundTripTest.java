package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.protocol.BenchmarkAction;
import dev.openenvbench.protocol.BenchmarkObservation;
import dev.openenvbench.protocol.HttpCall;
import dev.openenvbench.protocol.Json;
import dev.openenvbench.protocol.ServerReply;
import dev.openenvbench.protocol.ServerReplyParser;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The harness's HTTP calls ({@link HttpCall}) as the server's body validation ({@link
 * RequestBodies}) reads them, then through a real server and back through the client's parser.
 */
class HttpCallRoundTripTest {
  static Stream<Arguments> resets() {
    return Stream.of(
        Arguments.of("no options: no body, all defaults", HttpCall.reset(), object("{}")),
        Arguments.of(
            "options arrive as sent",
            HttpCall.reset(object("{\"seed\":3,\"episode_id\":\"e\"}")),
            object("{\"seed\":3,\"episode_id\":\"e\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resets")
  void theServerReadsTheResetBodyTheClientSends(String meaning, HttpCall call, ObjectNode body) {
    RequestBodies.Checked checked = RequestBodies.reset(call.body(), call.contentType());

    assertThat(checked.errors()).isEmpty();
    assertThat(checked.body()).isEqualTo(body);
  }

  static Stream<Arguments> steps() {
    return Stream.of(
        Arguments.of("the benchmark's action", new BenchmarkAction(0.25).json()),
        Arguments.of(
            "a nested action, which the body check passes on untouched",
            object("{\"wait_seconds\":0.5,\"metadata\":{\"tags\":[\"a\",{\"b\":null}]}}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void theServerFindsTheActionWhereTheClientNestsIt(String meaning, ObjectNode action) {
    HttpCall call = HttpCall.step(action);

    RequestBodies.Checked checked = RequestBodies.step(call.body(), call.contentType());

    assertThat(checked.errors()).isEmpty();
    assertThat(checked.body().get(HttpCall.ACTION)).isEqualTo(action);
  }

  @Test
  void aRealServerAnswersTheCallsWithObservationsTheClientReads() throws Exception {
    try (ServerFixture fixture = ServerFixture.start(2)) {
      BenchmarkObservation reset = send(fixture, HttpCall.reset());
      BenchmarkObservation step = send(fixture, HttpCall.step(new BenchmarkAction(0.25).json()));

      assertThat(reset.waitedSeconds()).isEqualTo(0.0);
      assertThat(reset.stepCount()).isZero();
      assertThat(step.waitedSeconds()).isEqualTo(0.25);
      assertThat(step.stepCount()).isEqualTo(1); // a fresh environment per request
      assertThat(step.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(step.sessionHash()).hasSize(12).isNotEqualTo(reset.sessionHash());
    }
  }

  private static BenchmarkObservation send(ServerFixture fixture, HttpCall call) throws Exception {
    assertThat(call.method()).isEqualTo("POST");
    HttpResponse<String> response = fixture.post(call.route(), call.body(), call.contentType());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    ServerReply reply = ServerReplyParser.httpBody(response.body());
    assertThat(reply).isInstanceOf(ServerReply.Observation.class);
    return BenchmarkObservation.from(((ServerReply.Observation) reply).observation());
  }

  private static ObjectNode object(String json) {
    return (ObjectNode) Json.parse(json);
  }
}
