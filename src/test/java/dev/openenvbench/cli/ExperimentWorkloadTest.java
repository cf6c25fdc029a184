package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study's {@code actions:} and {@code headers:} make its sessions the user's: the echo
 * environment (another action schema than the benchmark's) receives exactly the study's reset
 * payload and action, every request head carries the infrastructure's header with its {@code
 * ${VAR}} filled from {@code env_vars}, and no file the study writes holds the value.
 */
class ExperimentWorkloadTest {
  static final String SECRET = "study-secret-41d7";
  @TempDir Path dir;

  @Test
  void the_studys_actions_and_headers_reach_the_environment_and_no_file_holds_the_secret()
      throws Exception {
    EchoEnvironmentType echo = new EchoEnvironmentType();
    try (BenchServer server =
            BenchServer.start(ServerConfig.of("127.0.0.1", 0, 100), host -> echo);
        RecordingProxy proxy = new RecordingProxy(server.url())) {
      Path study =
          ExperimentRunTest.withKeys(
              ExperimentRunTest.write(dir, "ws, http", "[0]", "[1, 2]", 1),
              """
              actions:
                reset_json: {task: t-7}
                action_json: '{"message": "hi", "repeat": 2}'
              """);
      Files.writeString(
          study,
          Files.readString(study)
              .replace(
                  "      cores: 2\n",
                  "      cores: 2\n"
                      + "      env_vars: {STUDY_TOKEN: "
                      + SECRET
                      + "}\n"
                      + "      headers: ['Authorization: Bearer ${STUDY_TOKEN}']\n"));
      Path yaml = Files.move(study, dir.getParent().resolve(dir.getFileName() + "-study.yaml"));

      Cli.Result r =
          Cli.run(
              "experiment",
              yaml.toString(),
              "--infrastructure",
              "big",
              "--url",
              proxy.url(),
              "--warmup",
              "0",
              "--no-progress");

      assertThat(r.exit()).as(r.err()).isZero();
      // 1 + 2 sessions per mode, and the pre-flight session of each mode.
      assertThat(echo.resets).hasSize(8).containsOnly("{\"task\":\"t-7\"}");
      assertThat(echo.actions).hasSize(8).containsOnly("{\"message\":\"hi\",\"repeat\":2}");
      String wire = proxy.received();
      // Request heads follow bodies without a line break: count them where they occur.
      long heads = count(wire, "GET /ws ") + count(wire, "POST /");
      assertThat(heads).as("3 sessions and a pre-flight one per mode").isGreaterThanOrEqualTo(12);
      assertThat(count(wire, "Authorization: Bearer " + SECRET + "\r\n"))
          .as("every request head")
          .isGreaterThanOrEqualTo(heads);
      assertThat(r.out() + r.err()).doesNotContain(SECRET);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          // Figures too: read as bytes.
          assertThat(
                  new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
              .as(f.toString())
              .doesNotContain(SECRET);
        }
      }
      List<String> manifests;
      try (Stream<Path> files = Files.walk(dir)) {
        manifests =
            files
                .filter(f -> f.getFileName().toString().equals("manifest.json"))
                .map(Path::toString)
                .toList();
      }
      assertThat(manifests).isNotEmpty();
      assertThat(Files.readString(Path.of(manifests.getFirst())))
          .contains("Authorization: <redacted>", "t-7");
    } finally {
      Files.deleteIfExists(dir.getParent().resolve(dir.getFileName() + "-study.yaml"));
    }
  }

  @Test
  void a_dry_run_shows_what_is_sent_and_which_header_variable_is_missing_and_a_run_refuses_it()
      throws Exception {
    Path study =
        ExperimentRunTest.withKeys(
            ExperimentRunTest.write(dir, "ws", "[0.25]", "[1]", 1),
            """
            headers: ['Authorization: Bearer ${NO_SUCH_TOKEN_VAR}', 'X-Team: rl']
            actions:
              action_json: {wait_seconds: 0.25, note: x}
              think_seconds: 0.1..0.2
            """);

    Cli.Result dry =
        Cli.run("experiment", study.toString(), "--url", "big=http://127.0.0.1:9", "--dry-run");

    assertThat(dry.exit()).as(dry.err()).isZero();
    assertThat(dry.out())
        .contains("headers: need $NO_SUCH_TOKEN_VAR")
        .contains("X-Team: <redacted>")
        .contains("think_seconds=0.1..0.2")
        .doesNotContain(": rl");
    Cli.Result real =
        Cli.run(
            "experiment",
            study.toString(),
            "--infrastructure",
            "big",
            "--url",
            "http://127.0.0.1:9",
            "--no-progress");
    assertThat(real.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(real.err()).contains("[big] headers need $NO_SUCH_TOKEN_VAR");
  }

  @Test
  void wait_seconds_must_be_the_wait_the_studys_actions_ask_for() throws Exception {
    Path study =
        ExperimentRunTest.withKeys(
            ExperimentRunTest.write(dir, "ws", "[0.1, 1.0]", "[1]", 1),
            "actions:\n  action_json: {message: hi}\n");

    Cli.Result r = Cli.run("experiment", study.toString(), "--dry-run");

    assertThat(r.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(r.err())
        .contains("wait_seconds [0.1, 1.0] sets the benchmark's wait")
        .contains("write wait_seconds: [0.0]");
  }

  private static long count(String text, String part) {
    return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(part))
        .matcher(text)
        .results()
        .count();
  }
}
