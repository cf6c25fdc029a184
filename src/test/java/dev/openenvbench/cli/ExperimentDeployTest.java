package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --deploy} runs the infrastructure's deploy_script with its env_vars (here a script that
 * starts a real {@code serve} in the foreground, like the seed's run_uvicorn.sh), waits for
 * /health, runs the grid against it, and stops it afterwards. Without {@code --deploy} the script
 * is not run.
 */
class ExperimentDeployTest {
  @TempDir Path dir;

  @Test
  void deploy_runs_the_script_with_its_env_vars_and_stops_it_after_the_grid() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path script = dir.resolve("serve.sh");
    Files.writeString(
        script,
        """
        #!/bin/sh
        echo "deploying on port $PORT"
        exec "$JAVA" -cp "$CP" dev.openenvbench.cli.Main serve --port "$PORT"
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    String yaml =
        """
        experiment: {name: deployed}
        variables:
          infrastructures:
            - id: here
              deploy_script: SCRIPT
              url_template: "http://127.0.0.1:${PORT}"
              env_vars: {PORT: "THE_PORT", JAVA: "THE_JAVA", CP: "THE_CP"}
          modes: [ws]
          wait_seconds: [0.1]
          batch_sizes: [2]
        output: {base_dir: BASE, log_file: LOG}
        """
            .replace("SCRIPT", script.toString())
            .replace("THE_PORT", Integer.toString(port))
            .replace("THE_JAVA", ProcessHandle.current().info().command().orElseThrow())
            .replace("THE_CP", System.getProperty("java.class.path"))
            .replace("BASE", dir.resolve("results").toString())
            .replace("LOG", dir.resolve("log.md").toString());
    Path study = Files.writeString(dir.resolve("study.yaml"), yaml);

    Cli.Result without = Cli.run("experiment", study.toString(), "--warmup", "0", "--no-progress");
    assertThat(without.exit()).as("no --deploy: nothing serves the port").isEqualTo(2);
    assertThat(without.err()).doesNotContain("deploying on port");

    Cli.Result r =
        Cli.run("experiment", study.toString(), "--deploy", "--warmup", "0", "--no-progress");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("[deploy here] deploying on port " + port)
        .contains("cell 1/1 of the study: here ws N=2");
    assertThat(Files.readString(dir.resolve("log.md"))).contains(" | 1 | 0 | 1 |  | completed |");
    Awaitility.await("the deployed server is stopped after the grid")
        .atMost(Duration.ofSeconds(15))
        .until(() -> !accepts(port));
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }
}
