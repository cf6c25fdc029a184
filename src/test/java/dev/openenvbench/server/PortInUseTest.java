package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Only the workers of one {@code serve --workers} share a port: any other {@code serve} on a port
 * in use fails in one line with exit 2 and never listens, and the first server keeps every
 * connection.
 */
class PortInUseTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "first with {0} worker(s), second with {1}")
  @CsvSource({"1, 1", "1, 2", "2, 1", "2, 2"})
  void a_second_serve_on_a_port_in_use_fails_and_the_first_keeps_all_the_traffic(
      int firstWorkers, int secondWorkers) throws Exception {
    try (ServeProcess first = ServeProcess.start("--port", "0", "--workers", "" + firstWorkers)) {
      Set<Long> firstPids = servingPids(first, firstWorkers);

      Path out = dir.resolve("second.out");
      Path err = dir.resolve("second.err");
      Process second =
          ServeProcess.builder("--port", "" + first.port(), "--workers", "" + secondWorkers)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("second serve exited").isTrue();

      assertThat(second.exitValue()).as("exit code (bad input / pre-flight)").isEqualTo(2);
      assertThat(Files.readString(out)).as("second serve's stdout").doesNotContain("listening");
      assertThat(ownLines(Files.readString(err)))
          .as("second serve's stderr")
          .singleElement()
          .asString()
          .startsWith("error: cannot listen on 127.0.0.1:" + first.port() + ": ")
          .contains("in use");
      Set<Long> answered = new HashSet<>();
      for (int i = 0; i < 20; i++) {
        ServeProcess.pidOfAFreshSession(first.url).ifPresent(answered::add);
      }
      assertThat(answered).as("pids answering 20 fresh sessions").isEqualTo(firstPids);
    }
  }

  /** The pids of every process of {@code serve}, once each of them answers fresh sessions. */
  private static Set<Long> servingPids(ServeProcess serve, int workers) {
    Set<Long> seen = new HashSet<>();
    await("each of " + workers + " worker(s) answering")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(
            () -> {
              ServeProcess.pidOfAFreshSession(serve.url).ifPresent(seen::add);
              assertThat(seen).hasSize(workers);
            });
    return seen;
  }

  /** Lines the program wrote, without the JVM's own warnings. */
  private static List<String> ownLines(String stderr) {
    return stderr.lines().filter(l -> !l.startsWith("WARNING:")).toList();
  }
}
