package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.loadgen.ResultFiles;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code run}'s workload options against a real server on port 0 that hosts an environment with
 * another action schema than the benchmark's ({@link EchoEnvironmentType}, which records what it
 * was sent): the reset payload and the actions arrive exactly as given on both modes, a file's
 * actions are cycled, {@code done: true} ends an episode as a success, think time shows in the
 * session's timeline, and bad input stops the run before any load.
 */
class RunWorkloadTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  @TempDir Path dir;
  EchoEnvironmentType echo;
  BenchServer server;

  @BeforeEach
  void startServer() throws Exception {
    echo = new EchoEnvironmentType();
    server = BenchServer.start(ServerConfig.of("127.0.0.1", 0, 100), host -> echo);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private Cli.Result run(String... options) {
    List<String> args = new ArrayList<>(List.of("run", "--url", server.url()));
    args.addAll(List.of(options));
    args.addAll(List.of("--warmup", "0", "--no-progress", "-o", dir.toString()));
    return Cli.run(args.toArray(String[]::new));
  }

  static List<JsonNode> raw(Path dir) throws Exception {
    return ResultFiles.raw(dir);
  }

  static List<Map<String, String>> summary(Path dir) throws Exception {
    return ResultFiles.summary(dir);
  }

  @Test
  void the_reset_payload_and_the_action_reach_the_environment_exactly_on_both_modes()
      throws Exception {
    String reset = "{\"task\":\"t1\",\"level\":[1,2]}";
    String action = "{\"message\":\"héllo\",\"n\":1,\"nested\":{\"x\":null}}";
    Cli.Result r =
        run("--compare", "-n", "3", "--steps", "2", "--reset-json", reset, "--action-json", action);

    assertThat(r.exit()).as(r.err()).isZero();
    // 3 sessions × 2 modes, plus the pre-flight session of each mode; 2 steps each.
    assertThat(echo.resets).hasSize(8).containsOnly(reset);
    assertThat(echo.actions).hasSize(16).containsOnly(action);
    List<JsonNode> rows = raw(dir);
    assertThat(rows)
        .hasSize(6)
        .allSatisfy(
            row -> {
              assertThat(row.path("success").asBoolean()).as(row.toString()).isTrue();
              assertThat(row.path("steps_completed").asInt()).isEqualTo(2);
              assertThat(row.path("step_latency").isNumber()).isTrue();
              // The action asks for no wait: there is no overhead to tell, and 0 would be a lie.
              assertThat(row.path("step_overhead").isNull()).isTrue();
              assertThat(row.path("wait_requested").asDouble()).isZero();
              assertThat(row.path("episode_done").asBoolean()).isFalse();
              assertThat(row.path("format_version").asInt()).isEqualTo(4);
            });
    assertThat(summary(dir))
        .hasSize(2)
        .allSatisfy(
            s -> {
              assertThat(s).containsEntry("successful", "3").containsEntry("episodes_done", "0");
              assertThat(s.get("step_p50")).isNotEmpty();
              assertThat(s.get("step_overhead_p50")).as("empty, not 0").isEmpty();
              assertThat(s.get("step_overhead_p99")).isEmpty();
            });
  }

  @Test
  void a_files_actions_are_taken_in_order_per_session_and_cycled() throws Exception {
    Path actions = dir.resolve("actions.jsonl");
    Files.writeString(actions, "{\"say\":\"a\"}\n\n{\"say\":\"b\",\"wait_seconds\":0.0}\n");
    Cli.Result r = run("-m", "ws", "-n", "2", "--steps", "3", "--actions", actions.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> perSession = List.of("{\"say\":\"a\"}", "{\"say\":\"b\",\"wait_seconds\":0.0}");
    // Pre-flight and 2 sessions, each a, b, a: 6 a's and 3 b's in all.
    assertThat(Collections.frequency(echo.actions, perSession.get(0))).isEqualTo(6);
    assertThat(Collections.frequency(echo.actions, perSession.get(1))).isEqualTo(3);
    assertThat(raw(dir))
        .allSatisfy(
            row -> {
              assertThat(row.path("steps_completed").asInt()).isEqualTo(3);
              assertThat(row.path("step_overhead").isNull()).as("a's step asked no wait").isTrue();
            });
    JsonNode manifest = manifest(dir);
    assertThat(manifest.path("actions_file").asString()).isEqualTo(actions.toString());
    assertThat(manifest.path("actions_count").asInt()).isEqualTo(2);
    assertThat(manifest.path("actions_sha256").asString()).hasSize(64);
  }

  @Test
  void done_true_ends_the_episode_early_as_a_success_on_both_modes() throws Exception {
    Cli.Result r =
        run("--compare", "-n", "3", "--steps", "4", "--action-json", "{\"finish\":true}");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(raw(dir))
        .hasSize(6)
        .allSatisfy(
            row -> {
              assertThat(row.path("success").asBoolean()).isTrue();
              assertThat(row.path("episode_done").asBoolean()).isTrue();
              assertThat(row.path("steps").asInt()).isEqualTo(4);
              assertThat(row.path("steps_completed").asInt()).isEqualTo(1);
              assertThat(row.path("error_type").isNull()).isTrue();
            });
    assertThat(summary(dir))
        .allSatisfy(
            s ->
                assertThat(s)
                    .containsEntry("successful", "3")
                    .containsEntry("failed", "0")
                    .containsEntry("episodes_done", "3"));
    // Pre-flight (1 step each mode) and 6 sessions of one step: nothing after done.
    assertThat(echo.actions).hasSize(8);
  }

  @Test
  void think_time_holds_the_session_before_each_step_and_is_not_step_latency() throws Exception {
    Cli.Result r =
        run(
            "--compare",
            "-n",
            "2",
            "--steps",
            "2",
            "--action-json",
            "{\"x\":1}",
            "--think-seconds",
            "0.5");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(raw(dir))
        .hasSize(4)
        .allSatisfy(
            row -> {
              assertThat(row.path("think_seconds").asDouble()).isEqualTo(1.0);
              double beforeFirstStep =
                  row.path("step_start_offset").asDouble() - row.path("start_offset").asDouble();
              // The connect from the session's own start: through the open window it counts
              // from the cell start, the wait for a turn (start_delay) included.
              JsonNode delay = row.path("start_delay");
              double connectAndReset =
                  row.path("connect_latency").asDouble()
                      - (delay.isNumber() ? delay.asDouble() : 0)
                      + row.path("reset_latency").asDouble();
              assertThat(beforeFirstStep).isGreaterThanOrEqualTo(connectAndReset + 0.5);
              assertThat(row.path("total_latency").asDouble()).isGreaterThanOrEqualTo(1.0);
              // The pauses are the session's, not the server's: steps are timed from their send.
              double lastReply = row.path("step_end_offset").asDouble();
              assertThat(lastReply - row.path("step_start_offset").asDouble())
                  .isGreaterThanOrEqualTo(0.5 + row.path("step_latency").asDouble());
            });
  }

  @Test
  void a_thinking_session_holds_its_server_slot_while_it_sends_nothing() throws Exception {
    var run =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> run("-m", "ws", "-n", "3", "--action-json", "{\"x\":1}", "--think-seconds", "3"));

    // All three reset and hold a slot, and none has stepped yet: only the pre-flight's action.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> server.metrics().activeSessions() == 3 && echo.resets.size() == 4);
    assertThat(echo.actions).hasSize(1);
    assertThat(server.metrics().activeSessions()).isEqualTo(3);
    assertThat(run.get().exit()).isZero();
    assertThat(echo.actions).hasSize(4);
  }

  @Test
  void a_think_range_is_drawn_per_session_reproducibly_from_the_seed() throws Exception {
    String[] opts = {
      "-m",
      "ws",
      "-n",
      "4",
      "--steps",
      "2",
      "--action-json",
      "{}",
      "--think-seconds",
      "0.1..0.4",
      "--seed",
      "42"
    };
    assertThat(run(opts).exit()).isZero();
    assertThat(run(opts).exit()).isZero();

    List<JsonNode> rows = raw(dir);
    Map<Integer, List<Double>> byRequest = new java.util.TreeMap<>();
    for (JsonNode row : rows) {
      byRequest
          .computeIfAbsent(row.path("request_id").asInt(), k -> new ArrayList<>())
          .add(row.path("think_seconds").asDouble());
    }
    assertThat(byRequest).hasSize(4);
    byRequest.values().forEach(twoRuns -> assertThat(twoRuns.get(0)).isEqualTo(twoRuns.get(1)));
    List<Double> firstRun = byRequest.values().stream().map(List::getFirst).toList();
    assertThat(firstRun).allSatisfy(t -> assertThat(t).isBetween(0.2, 0.8));
    assertThat(firstRun).doesNotHaveDuplicates();
    assertThat(manifest(dir).path("seed").asLong()).isEqualTo(42);
    assertThat(manifest(dir).path("think_seconds").asString()).isEqualTo("0.1..0.4");
  }

  @Test
  void bad_workload_input_is_one_line_and_exit_2_before_any_load() throws Exception {
    Path missing = dir.resolve("no-such.jsonl");
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"ok\":1}\n[1,2]\n");
    String[][] cases = {
      {"--action-json", "{\"a\":"},
      {"--reset-json", "[]"},
      {"--actions", missing.toString()},
      {"--actions", bad.toString()},
      {"--think-seconds", "2..1"},
      {"--header", "no colon here"},
      {"--hf-token-env", "OPENENV_BENCH_TEST_UNSET_VARIABLE"},
      {"--action-json", "{}", "--wait", "2.0"},
    };
    for (String[] c : cases) {
      Cli.Result r = run(c);
      assertThat(r.exit()).as(String.join(" ", c) + "\n" + r.err()).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    }
    assertThat(echo.actions).as("no session ran").isEmpty();
    assertThat(echo.resets).isEmpty();
    assertThat(dir.resolve("raw.jsonl")).doesNotExist();
    Cli.Result header = run("--header", "no colon here");
    assertThat(header.err()).doesNotContain("no colon here");
    assertThat(run("--actions", bad.toString()).err()).contains("bad.jsonl line 2");
    // A header after a mistyped option is echoed back by the parser: never its value.
    for (String[] typo :
        new String[][] {
          {"--hedaer", "Authorization: Bearer tok-77"}, {"--hedaer=X-Key: tok-77"}, {"--header"}
        }) {
      Cli.Result r = run(typo);
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).doesNotContain("tok-77");
    }
  }

  @Test
  void mcp_actions_are_sent_as_mcp_messages_and_a_json_rpc_error_fails_the_session()
      throws Exception {
    Path actions = dir.resolve("mcp.jsonl");
    Files.writeString(
        actions,
        "{\"type\":\"mcp\",\"data\":{\"jsonrpc\":\"2.0\",\"method\":\"openenv/session/create\",\"id\":1}}\n"
            + "{\"type\":\"mcp\",\"data\":{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"id\":2}}\n");

    // One step: the session create succeeds (WS: over the socket; HTTP: POST /mcp).
    Cli.Result ok = run("--compare", "-n", "2", "--actions", actions.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(raw(dir))
        .hasSize(4)
        .allSatisfy(
            row -> {
              assertThat(row.path("success").asBoolean()).as(row.toString()).isTrue();
              assertThat(row.path("steps_completed").asInt()).isEqualTo(1);
              assertThat(row.path("step_overhead").isNull()).isTrue();
            });
    assertThat(echo.actions).as("not a step: no action validated").isEmpty();

    // Two steps: the second, tools/list, is refused (the environment has no MCP tools).
    Files.delete(dir.resolve("raw.jsonl"));
    Cli.Result refused =
        run("-m", "http", "-n", "2", "--steps", "2", "--actions", actions.toString());
    assertThat(refused.exit()).as("the pre-flight session names the refusal").isEqualTo(2);
    assertThat(refused.err())
        .contains("mcp_error:JSONRPC_-32603")
        .contains("JSON-RPC error -32603 Environment does not support MCP");
  }

  static JsonNode manifest(Path dir) throws Exception {
    try (var runs = Files.list(dir.resolve("runs"))) {
      Path first = runs.sorted().toList().getLast();
      return JSON.readTree(first.resolve("manifest.json").toFile()).path("configuration");
    }
  }
}
