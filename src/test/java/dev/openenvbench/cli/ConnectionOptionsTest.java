package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.protocol.OpenEnvRelease;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.Dialect;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run}'s and {@code capacity}'s connection options as a user meets them: bad values refused
 * in one line with exit 2 before any load, and a production-mode server named by the pre-flight.
 */
class ConnectionOptionsTest {
  @TempDir Path dir;

  private static void refused(Cli.Result r, String reason) {
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(r.err()).contains(reason);
  }

  @Test
  void bad_connection_options_are_refused_in_one_line_before_any_load() {
    refused(Cli.run("run", "--abandon", "1.5"), "--abandon must be a fraction from 0 to 1");
    refused(
        Cli.run("run", "--abandon", "0.5", "-m", "http"),
        "--abandon needs -m ws: an HTTP session holds no server slot between its requests");
    refused(
        Cli.run("run", "--abandon", "0.5", "--processes", "2"), "--abandon runs in one process");
    refused(
        Cli.run("run", "--abandon-how", "sideways"),
        "Invalid value for option '--abandon-how': expected close, reset or silent, not"
            + " 'sideways'");
    refused(Cli.run("run", "--pong-timeout-seconds", "0"), "--pong-timeout-seconds must be > 0");
    refused(Cli.run("run", "--ping-seconds", "-1"), "--ping-seconds must be ≥ 0");
    refused(
        Cli.run("run", "--open-window", "-1"),
        "Invalid value for option '--open-window': --open-window must be auto or a number ≥ 0 (0"
            + " = all at once), not '-1'");
    refused(
        Cli.run("run", "--open-window", "wide"),
        "--open-window must be auto or a number ≥ 0 (0 = all at once), not 'wide'");
    refused(
        Cli.run("run", "--open-window", "8", "--ramp-seconds", "2"),
        "--open-window and --ramp-seconds both pace how sessions open: give one of them");
    refused(
        Cli.run("run", "--open-window", "8", "--arrival-rate", "10", "--duration", "5"),
        "--open-window works on batch cells; an open-loop cell (--arrival-rate) bounds its"
            + " sessions with --max-in-flight");
    refused(
        Cli.run("run", "--insecure", "--ca-cert", dir.resolve("ca.pem").toString()),
        "--insecure trusts every certificate, --ca-cert only some: give one of them");
    refused(
        Cli.run("run", "--ca-cert", dir.resolve("none.pem").toString()),
        "--ca-cert " + dir.resolve("none.pem") + ": no readable file there");
    refused(
        Cli.run("capacity", "-o", dir.toString(), "--abandon", "0.5"),
        "capacity does not take --abandon");
    refused(
        Cli.run("capacity", "-o", dir.toString(), "--open-window", "32"),
        "capacity does not take --open-window");
  }

  @Test
  void a_production_mode_server_is_named_by_the_pre_flight_check() throws Exception {
    ServerConfig config =
        ServerConfig.of("127.0.0.1", 0, 10)
            .withDialect(new Dialect(OpenEnvRelease.parse("0.10.0"), true));
    try (BenchServer s = BenchServer.startBenchmark(config)) {
      Cli.Result http = Cli.run("run", "--url", s.url(), "-m", "http", "-n", "2", "-w", "0");

      refused(
          http,
          "pre-flight check failed: "
              + s.url()
              + " is a server in OpenEnv's production mode (0.7+, OPENENV_MODE=production): it has"
              + " no HTTP /reset, /step or /state, so no HTTP session can run on it; its sessions"
              + " are on /ws: measure it with -m ws");
      assertThat(http.err().lines().filter(l -> l.contains("production mode"))).hasSize(1);
      Cli.Result ws =
          Cli.run("run", "--url", s.url(), "-m", "ws", "-n", "2", "-w", "0", "--warmup", "0");
      assertThat(ws.exit()).as(ws.err()).isZero();
    }
  }
}
