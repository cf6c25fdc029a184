package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP route over a real socket, compared byte for byte with docs/protocol.md §4 where it
 * gives bytes (after {@link Golden#normalize}). HTTP is stateless: each request gets a fresh env.
 */
class HttpRoutesTest {
  static ServerFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = ServerFixture.start(100);
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  private static void assertReply(HttpResponse<String> response, int status, String body) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(Golden.normalize(response.body())).isEqualTo(body);
  }

  @Test
  void health() throws Exception {
    HttpResponse<String> r = fixture.get("/health");
    assertReply(r, 200, "{\"status\":\"healthy\"}");
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
  }

  @Test
  void resetWithoutBodyStartsAFreshEpisode() throws Exception {
    assertReply(
        fixture.post("/reset", null),
        200,
        "{\"observation\":{\"metadata\":{},\"waited_seconds\":0.0,\"pid\":PID,\"session_hash\":\"HASH\",\"host_url\":\"HOST:PORT\",\"step_count\":0},\"reward\":null,\"done\":false,\"metadata\":null}");
  }

  @Test
  void resetAcceptsSeedEpisodeIdAndExtraKeys() throws Exception {
    assertThat(
            fixture
                .post("/reset", "{\"seed\":3,\"episode_id\":\"e\",\"anything\":[1]}")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void resetRejectsANegativeSeed() throws Exception {
    assertReply(
        fixture.post("/reset", "{\"seed\":-1}"),
        422,
        "{\"detail\":[{\"type\":\"greater_than_equal\",\"loc\":[\"body\",\"seed\"],\"msg\":\"Input should be greater than or equal to 0\",\"input\":-1,\"ctx\":{\"ge\":0}}]}");
  }

  @Test
  void resetRejectsANonIntegerSeed() throws Exception {
    assertThat(fixture.post("/reset", "{\"seed\":\"x\"}").body())
        .contains("\"type\":\"int_parsing\"");
  }

  @Test
  void stepRunsOnAFreshEnvSoStepCountIsAlwaysOne() throws Exception {
    for (int i = 0; i < 2; i++) {
      assertReply(
          fixture.post("/step", "{\"action\":{\"wait_seconds\":0.01}}"),
          200,
          "{\"observation\":{\"metadata\":{},\"waited_seconds\":0.01,\"pid\":PID,\"session_hash\":\"HASH\",\"host_url\":\"HOST:PORT\",\"step_count\":1},\"reward\":null,\"done\":false,\"metadata\":null}");
    }
  }

  @Test
  void aStepIsAnsweredNoSoonerThanItsWait() throws Exception {
    long sent = System.nanoTime();
    HttpResponse<String> r = fixture.post("/step", "{\"action\":{\"wait_seconds\":0.05}}");
    assertThat(System.nanoTime() - sent).isGreaterThanOrEqualTo(50_000_000L);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"waited_seconds\":0.05");
  }

  @Test
  void stepRejectsExtraActionFieldsWithPydanticsError() throws Exception {
    assertReply(
        fixture.post("/step", "{\"action\":{\"wait_seconds\":1.0,\"foo\":1}}"),
        422,
        "{\"detail\":[{\"type\":\"extra_forbidden\",\"loc\":[\"foo\"],\"msg\":\"Extra inputs are not permitted\",\"input\":1,\"url\":\"https://errors.pydantic.dev/2.12/v/extra_forbidden\"}]}");
  }

  @Test
  void stepRequiresTheActionToBeNested() throws Exception {
    assertReply(
        fixture.post("/step", "{\"wait_seconds\":1.0}"),
        422,
        "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"action\"],\"msg\":\"Field required\",\"input\":{\"wait_seconds\":1.0}}]}");
  }

  @Test
  void stepWithoutBodyIsMissing() throws Exception {
    assertReply(
        fixture.post("/step", null),
        422,
        "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\"],\"msg\":\"Field required\",\"input\":null}]}");
  }

  @Test
  void malformedJsonIs422JsonInvalid() throws Exception {
    HttpResponse<String> r = fixture.post("/step", "{\"action\":");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body())
        .startsWith(
            "{\"detail\":[{\"type\":\"json_invalid\",\"loc\":[\"body\",10],\"msg\":\"JSON decode error\",\"input\":{},\"ctx\":{\"error\":")
        .doesNotContain("line 1", "start marker");
  }

  @Test
  void bodyThatIsNotAnObjectIs422() throws Exception {
    assertThat(fixture.post("/step", "[1,2]").body())
        .contains("\"type\":\"model_attributes_type\"");
  }

  @Test
  void stateIsAFreshEnvsState() throws Exception {
    assertReply(fixture.get("/state"), 200, "{\"episode_id\":\"UUID\",\"step_count\":0}");
  }

  @Test
  void metadataHasAllSixKeys() throws Exception {
    assertReply(
        fixture.get("/metadata"),
        200,
        "{\"name\":\"BenchmarkEnvironment\",\"description\":\"BenchmarkEnvironment environment\",\"readme_content\":null,\"version\":\"1.0.0\",\"author\":null,\"documentation_url\":null}");
  }

  @Test
  void schemaIsPydanticsSchemaOfTheBenchmarkClasses() throws Exception {
    HttpResponse<String> r = fixture.get("/schema");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .startsWith(
            "{\"action\":{\"additionalProperties\":false,\"description\":\"Action for the Benchmark environment - wait for a duration.\"")
        .contains("\"title\":\"State\",\"type\":\"object\"},\"reset_observation\":{")
        .endsWith("\"title\":\"BenchmarkObservation\",\"type\":\"object\"}}");
  }

  @Test
  void mcpAnswersJsonRpcErrorsWithStatus200() throws Exception {
    assertThat(fixture.post("/mcp", "{}").body())
        .startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,");
    assertReply(
        fixture.post("/mcp", "nope"),
        200,
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\",\"data\":null}}");
    assertReply(
        fixture.post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"id\":1}"),
        200,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":\"Environment does not support MCP\",\"data\":null}}");
    assertReply(
        fixture.post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":2}"),
        200,
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32601,\"message\":\"Method not found: nope\",\"data\":null}}");
    // Like Python, any request that is not a valid JsonRpcRequest is -32600 with a null id.
    for (String bad :
        new String[] {
          "{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"id\":3,\"params\":[1]}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"id\":4,\"params\":null}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"id\":5,\"x\":1}",
          "{\"jsonrpc\":\"1.0\",\"method\":\"tools/list\",\"id\":6}",
        }) {
      assertThat(fixture.post("/mcp", bad).body())
          .as(bad)
          .startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,");
    }
  }

  @Test
  void aBodyNotSentAsJsonIsNotParsed() throws Exception {
    // FastAPI parses JSON only for a JSON content type; otherwise the model sees a string.
    assertReply(
        fixture.post("/reset", "{}", "text/plain"),
        422,
        "{\"detail\":[{\"type\":\"model_attributes_type\",\"loc\":[\"body\"],\"msg\":\"Input should be a valid dictionary or object to extract fields from\",\"input\":\"{}\"}]}");
    assertThat(fixture.post("/step", "{\"action\":{}}", null).statusCode()).isEqualTo(422);
    assertThat(
            fixture
                .post("/step", "{\"action\":{}}", "application/vnd.x+json; charset=utf-8")
                .statusCode())
        .isEqualTo(200);
    assertThat(fixture.post("/reset", "", "text/plain").statusCode()).isEqualTo(200);
  }

  @Test
  void aWebSocketHandshakeOnAnotherPathIsRefusedWith403() {
    assertThatThrownBy(
            () -> WsTestClient.connectTo(fixture.url().replaceFirst("^http", "ws") + "/wsx"))
        .rootCause()
        .hasMessageContaining("status code 403");
  }

  @Test
  void mcpSessionsCountAgainstTheCap() throws Exception {
    String created =
        fixture
            .post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"openenv/session/create\",\"id\":1}")
            .body();
    assertThat(created)
        .matches(
            "\\{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\\{\"session_id\":\"[0-9a-f-]{36}\"}}");
    assertThat(fixture.server.metrics().activeSessions()).isEqualTo(1);
    String id = created.replaceAll(".*\"session_id\":\"([^\"]+)\".*", "$1");
    assertReply(
        fixture.post(
            "/mcp",
            "{\"jsonrpc\":\"2.0\",\"method\":\"openenv/session/close\",\"id\":2,\"params\":{\"session_id\":\""
                + id
                + "\"}}"),
        200,
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"session_id\":\""
            + id
            + "\",\"closed\":true}}");
    assertThat(fixture.server.metrics().activeSessions()).isZero();
  }

  @Test
  void openApiListsTheSimulationRoutesAndVersion() throws Exception {
    String body = fixture.get("/openapi.json").body();
    assertThat(body)
        .contains("\"version\":\"1.0.0\"", "\"/reset\":", "\"/step\":", "\"/state\":", "\"/mcp\":");
  }

  @Test
  void metricsArePrometheusText() throws Exception {
    HttpResponse<String> r = fixture.get("/metrics");
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    assertThat(r.body())
        .contains(
            "openenv_sessions_active{pid=",
            "openenv_steps_in_flight{pid=",
            "openenv_step_duration_seconds_bucket");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws Exception {
    assertReply(fixture.get("/nope"), 404, "{\"detail\":\"Not Found\"}");
    assertReply(fixture.get("/ws"), 404, "{\"detail\":\"Not Found\"}");
    HttpResponse<String> r = fixture.get("/reset");
    assertReply(r, 405, "{\"detail\":\"Method Not Allowed\"}");
    assertThat(r.headers().firstValue("allow")).hasValue("POST");
    assertThat(fixture.post("/health", "").headers().firstValue("allow")).hasValue("GET, HEAD");
  }
}
