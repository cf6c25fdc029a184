package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.openenvbench.env.BenchmarkVariant;
import dev.openenvbench.env.Environment;
import dev.openenvbench.env.HostIdentity;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run}'s exit code says how the run went, not only whether it ran: what is wrong before any
 * load is said by the pre-flight check (exit 2, nothing recorded); a run in which no session
 * succeeded, though the check passed, is "nothing worked" (5).
 */
class RunExitCodeTest {
  @TempDir Path dir;

  /** The benchmark environment, working for its first instance only: the server breaks after. */
  private static final class BreaksAfterOne extends BenchmarkVariant {
    private final AtomicInteger created = new AtomicInteger();

    BreaksAfterOne(HostIdentity host) {
      super(host);
    }

    @Override
    public Environment create() throws Exception {
      if (created.incrementAndGet() > 1) throw new IllegalStateException("broken");
      return benchmark.create();
    }
  }

  @Test
  void a_run_where_every_session_failed_exits_5_and_keeps_its_files() throws Exception {
    // The pre-flight session is the server's last good one: every session of the run then gets
    // FACTORY_ERROR, while the server stays up (so nothing aborts the run).
    ServerConfig config = ServerConfig.of("127.0.0.1", 0, 100);
    try (BenchServer server = BenchServer.start(config, BreaksAfterOne::new)) {
      Cli.Result o =
          Cli.run(
              "run",
              "--url",
              server.url(),
              "-n",
              "3",
              "-w",
              "0.1",
              "--warmup",
              "0",
              "--no-progress",
              "-o",
              dir.toString());

      assertThat(o.exit()).as(o.err()).isEqualTo(ExitCode.NOTHING_WORKED.code());
      assertThat(o.err()).contains("openenv-bench run: no session of the run succeeded");
      assertThat(Files.readAllLines(dir.resolve("raw.jsonl")))
          .hasSize(3)
          .allSatisfy(line -> assertThat(line).contains("\"success\":false", "FACTORY_ERROR"));
    }
  }

  @Test
  void a_wait_the_server_refuses_is_said_before_any_load() throws Exception {
    ServerConfig strict = ServerConfig.of("127.0.0.1", 0, 100).withMaxWaitSeconds(0.5);
    try (BenchServer server = BenchServer.startBenchmark(strict)) {
      Cli.Result o =
          Cli.run(
              "run",
              "--url",
              server.url(),
              "-n",
              "3",
              "-w",
              "1",
              "--no-progress",
              "-o",
              dir.toString());

      assertThat(o.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
      assertThat(o.err())
          .isEqualTo(
              "error: pre-flight check failed: one ws session (wait 1.0 s) against "
                  + server.url()
                  + " failed: openenv_error:VALIDATION_ERROR: Invalid message: wait_seconds: Input"
                  + " should be less than or equal to 0.5 (the server's --max-wait-seconds) (the"
                  + " server refused the step's action)\n");
      assertThat(dir.resolve("raw.jsonl")).as("nothing recorded").doesNotExist();
    }
  }

  @Test
  void a_server_that_is_not_openenv_is_said_before_any_load() throws Exception {
    HttpServer notOpenEnv = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    notOpenEnv.start();
    try {
      String url = "http://127.0.0.1:" + notOpenEnv.getAddress().getPort();
      Cli.Result o = Cli.run("run", "--url", url, "-n", "3", "--no-progress");

      assertThat(o.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
      assertThat(o.err())
          .isEqualTo(
              "error: pre-flight check failed: GET "
                  + url
                  + "/health answered 404, not 200: is this an OpenEnv server, at its root URL?\n");
    } finally {
      notOpenEnv.stop(0);
    }
  }

  @Test
  void a_closed_port_and_https_to_a_plain_server_are_said_as_such() throws Exception {
    Cli.Result closed = Cli.run("run", "--url", "http://127.0.0.1:9", "-n", "1", "--no-progress");
    assertThat(closed.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(closed.err())
        .isEqualTo(
            "error: pre-flight check failed: nothing listens at 127.0.0.1:9 (connection refused):"
                + " is the server up, and the URL right?\n");

    try (BenchServer plain = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 10))) {
      String https = plain.url().replace("http://", "https://");
      Cli.Result tls = Cli.run("run", "--url", https, "-n", "1", "--no-progress");
      assertThat(tls.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
      assertThat(tls.err())
          .startsWith("error: pre-flight check failed: the TLS handshake with 127.0.0.1:")
          .endsWith("if the server speaks plain HTTP, use http:// in --url\n");
    }
  }
}
