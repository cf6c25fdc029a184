package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.openenvbench.protocol.Json;
import dev.openenvbench.protocol.OpenEnvRelease;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --openenv-version} and {@code --mode} over real sockets: the 0.3 wire, the newest
 * (0.10) wire with the Task API, production mode, and the 0.5+ attach flow of {@code
 * /ws?session_id=}. The bytes of each are compared with the Python servers by the interop suite.
 */
class OpenEnvVersionTest {
  private static ServerFixture start(String version, boolean production) throws Exception {
    return ServerFixture.start(
        ServerConfig.of("127.0.0.1", 0, 2)
            .withDialect(new Dialect(OpenEnvRelease.parse(version), production)));
  }

  @Test
  void the_0_3_wire_has_no_metadata_no_task_api_and_ignores_session_id() throws Exception {
    try (ServerFixture f = start("0.3.1", false)) {
      String reset = f.post("/reset", null).body();
      assertThat(reset)
          .doesNotContain("metadata")
          .startsWith("{\"observation\":{\"waited_seconds\"");
      assertThat(Json.parse(f.get("/schema").body()).propertyNames())
          .containsExactly("action", "observation", "state");
      assertThat(f.get("/list_environments").statusCode()).isEqualTo(404);
      assertThat(f.get("/benchmark/splits").statusCode()).isEqualTo(404);
      try (WsTestClient ws =
          WsTestClient.connectTo(f.url().replaceFirst("^http", "ws") + "/ws?session_id=nope")) {
        assertThat(ws.call("{\"type\":\"reset\"}"))
            .startsWith("{\"type\":\"observation\",\"data\":{\"observation\":{\"waited_seconds\"");
      }
    }
  }

  @Test
  void the_newest_wire_has_metadata_the_schema_key_and_the_task_api() throws Exception {
    try (ServerFixture f = start("0.10", false)) {
      assertThat(f.post("/reset", null).body())
          .startsWith("{\"observation\":{\"metadata\":{},\"waited_seconds\"")
          .endsWith(",\"reward\":null,\"done\":false,\"metadata\":null}");
      assertThat(Json.parse(f.get("/schema").body()).propertyNames())
          .containsExactly("action", "observation", "state", "reset_observation");
      assertThat(f.get("/list_environments").body()).isEqualTo("[\"benchmark\"]");
      HttpResponse<String> splits = f.get("/BenchMark/splits");
      assertThat(splits.statusCode()).isEqualTo(501);
      assertThat(splits.body())
          .isEqualTo("{\"detail\":\"list_splits is not supported for this environment\"}");
      assertThat(f.get("/nope/splits").body())
          .isEqualTo("{\"detail\":\"unknown environment 'nope'\"}");
      HttpResponse<String> bad = f.post("/benchmark/task", "{\"split\":1,\"x\":2}");
      assertThat(bad.statusCode()).isEqualTo(422);
      assertThat(bad.body())
          .isEqualTo(
              "{\"detail\":[{\"type\":\"string_type\",\"loc\":[\"body\",\"split\"],\"msg\":\"Input"
                  + " should be a valid string\",\"input\":1},{\"type\":\"missing\",\"loc\":[\"body\","
                  + "\"index\"],\"msg\":\"Field required\",\"input\":{\"split\":1,\"x\":2}},{\"type\":"
                  + "\"extra_forbidden\",\"loc\":[\"body\",\"x\"],\"msg\":\"Extra inputs are not"
                  + " permitted\",\"input\":2}]}");
      assertThat(f.post("/benchmark/task_range", "{\"split\":\"a\",\"stop\":null}").statusCode())
          .isEqualTo(501);
      assertThat(f.get("/benchmark/tasks").headers().firstValue("allow")).hasValue("POST");
      assertThat(f.get("/openapi.json").body()).contains("\"/{env_name}/task_range\"");
    }
  }

  @Test
  void production_mode_drops_the_simulation_routes_and_keeps_the_rest() throws Exception {
    try (ServerFixture f = start("0.10.0", true)) {
      assertThat(f.post("/reset", null).statusCode()).isEqualTo(404);
      assertThat(f.post("/step", "{\"action\":{}}").statusCode()).isEqualTo(404);
      assertThat(f.get("/state").statusCode()).isEqualTo(404);
      assertThat(f.get("/health").statusCode()).isEqualTo(200);
      assertThat(f.get("/openapi.json").body()).doesNotContain("\"/reset\"").contains("\"/mcp\"");
      try (WsTestClient ws = WsTestClient.connect(f.url())) {
        assertThat(ws.call("{\"type\":\"reset\"}")).startsWith("{\"type\":\"observation\"");
      }
    }
  }

  @Test
  void a_socket_attaches_to_an_mcp_session_once_and_ends_it_if_closed_meanwhile() throws Exception {
    try (ServerFixture f = start("0.10.0", false)) {
      String created =
          f.post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"openenv/session/create\",\"id\":1}")
              .body();
      String id = Json.parse(created).get("result").get("session_id").asString();
      String attachUrl = f.url().replaceFirst("^http", "ws") + "/ws?session_id=" + id;
      assertThat(f.server.metrics().activeSessions()).isEqualTo(1);
      try (WsTestClient first = WsTestClient.connectTo(attachUrl)) {
        assertThat(first.call("{\"type\":\"step\",\"data\":{\"wait_seconds\":0}}"))
            .contains("\"step_count\":1");
        assertThat(f.server.metrics().activeSessions()).as("the MCP session's slot").isEqualTo(1);
        try (WsTestClient second = WsTestClient.connectTo(attachUrl)) {
          assertThat(second.next())
              .isEqualTo(
                  "{\"type\":\"error\",\"data\":{\"message\":\"Session "
                      + id
                      + " already has an attached WebSocket\",\"code\":\"SESSION_ERROR\"}}");
          assertThat(second.awaitClose()).isEqualTo(1000);
        }
        String close =
            "{\"jsonrpc\":\"2.0\",\"method\":\"openenv/session/close\",\"params\":{\"session_id\":\""
                + id
                + "\"},\"id\":2}";
        assertThat(f.post("/mcp", close).body())
            .isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"session_id\":\""
                    + id
                    + "\",\"closed\":false,\"closing\":true}}");
        assertThat(first.call("{\"type\":\"state\"}"))
            .as("still served until it detaches")
            .contains("\"step_count\":1");
      }
      f.awaitNoSessions();
      try (WsTestClient late = WsTestClient.connectTo(attachUrl)) {
        assertThat(late.next()).contains("Unknown session_id: " + id);
      }
    }
  }

  @Test
  void a_detached_session_stays_for_the_next_socket() throws Exception {
    try (ServerFixture f = start("0.5", false)) {
      String created =
          f.post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"openenv/session/create\",\"id\":1}")
              .body();
      String id = Json.parse(created).get("result").get("session_id").asString();
      String attachUrl = f.url().replaceFirst("^http", "ws") + "/ws?session_id=" + id;
      try (WsTestClient first = WsTestClient.connectTo(attachUrl)) {
        first.call("{\"type\":\"step\",\"data\":{\"wait_seconds\":0}}");
      }
      await("the first socket detached")
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                try (WsTestClient again = WsTestClient.connectTo(attachUrl)) {
                  assertThat(again.call("{\"type\":\"state\"}")).contains("\"step_count\":1");
                }
              });
      assertThat(f.server.metrics().activeSessions()).isEqualTo(1);
    }
  }

  @Test
  void versions_and_modes_outside_the_range_are_one_line_errors() {
    assertThatThrownBy(() -> Dialect.of("0.11", "simulation"))
        .hasMessage("OpenEnv version 0.11.0 is not one this server speaks: use 0.3 to 0.10");
    assertThatThrownBy(() -> Dialect.of("1.0", "simulation"))
        .hasMessage("OpenEnv version must look like 0.10 or 0.3.1, got '1.0'");
    assertThatThrownBy(() -> Dialect.of("0.6", "production"))
        .hasMessage("production mode needs OpenEnv 0.7 or newer, but the version is 0.6.0");
    assertThatThrownBy(() -> Dialect.of("0.10", "prod"))
        .hasMessage("mode must be simulation or production, got 'prod'");
    assertThat(Dialect.of("0.10", "PRODUCTION").production()).isTrue();
    assertThat(List.of(OpenEnvRelease.parse("0.3.1"), OpenEnvRelease.NEWEST))
        .isSorted()
        .containsExactly(new OpenEnvRelease(3, 1), new OpenEnvRelease(10, 0));
  }
}
