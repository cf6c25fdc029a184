package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openenvbench.loadgen.LocalServer;
import dev.openenvbench.loadgen.Scrape;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --metrics-port} and {@code capacity --metrics-port}: served while the command runs;
 * bad ports refused up front.
 */
class RunMetricsPortTest {
  @TempDir Path dir;

  @Test
  void the_command_serves_its_sessions_live_on_the_port() throws Exception {
    Cli.Result r = scrapedUntilFourInFlight("run", "-n", "4");
    assertThat(r.exit()).isZero();
    assertThat(Files.readAllLines(dir.resolve("raw.jsonl"))).hasSize(4);
  }

  @Test
  void capacity_serves_its_probes_sessions_live_on_the_port() throws Exception {
    Cli.Result r =
        scrapedUntilFourInFlight(
            "capacity",
            "-m",
            "ws",
            "--barrier",
            "--start",
            "4",
            "--max-sessions",
            "4",
            "--boundary-runs",
            "1",
            "--confirm-runs",
            "1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(dir.resolve("capacity.json")).exists();
  }

  /**
   * Runs {@code command} (with 2 s steps against a local server, output in {@link #dir}) with
   * {@code --metrics-port}, and scrapes the port while it runs until it counts 4 sessions in
   * flight; returns what the command printed once it ended, having checked it named the port.
   */
  private Cli.Result scrapedUntilFourInFlight(String command, String... options) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    try (LocalServer server = LocalServer.start(Main.childJvm(), 10, 1, false, 60)) {
      List<String> args = new ArrayList<>(List.of(command, "--url", server.url(), "-w", "2"));
      args.addAll(List.of(options));
      args.addAll(
          List.of(
              "--warmup",
              "0",
              "--no-progress",
              "-o",
              dir.toString(),
              "--metrics-port",
              Integer.toString(port)));
      CompletableFuture<Cli.Result> running =
          CompletableFuture.supplyAsync(() -> Cli.run(args.toArray(String[]::new)));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(() -> Scrape.of(port).value("openenv_bench_sessions_in_flight") == 4);
      Cli.Result r = running.get();
      assertThat(r.err()).contains("live metrics on http://0.0.0.0:" + port + "/metrics");
      return r;
    }
  }

  @Test
  void a_port_out_of_range_or_taken_is_a_one_line_error_with_exit_2() throws Exception {
    Cli.Result outOfRange = Cli.run("run", "-n", "1", "--metrics-port", "70000");
    assertThat(outOfRange.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(outOfRange.err()).contains("--metrics-port must be 0..65535, got 70000");

    try (ServerSocket taken = new ServerSocket(0)) {
      Cli.Result busy =
          Cli.run("run", "-n", "1", "--metrics-port", Integer.toString(taken.getLocalPort()));
      assertThat(busy.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
      assertThat(busy.err().strip().lines()).hasSize(1);
      assertThat(busy.err()).contains("cannot listen");
    }
  }
}
