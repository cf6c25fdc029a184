package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openenvbench.launch.ProcessState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a {@code run} leaves no process behind: its local server (a supervisor), that
 * server's workers and its {@code --processes} shards all exit, each watching its own parent, so
 * the whole chain collapses from the top.
 */
class RunKilledTest {
  @TempDir Path dir;
  private final Set<ProcessHandle> started = ConcurrentHashMap.newKeySet();

  @Test
  void kill_9_of_a_run_stops_its_local_server_and_the_servers_workers() throws Exception {
    Process run = startRun("--server-workers", "2");
    // The supervisor and its two workers.
    List<ProcessHandle> tree = awaitDescendants(run, 3);

    run.destroyForcibly();

    awaitAllExited(tree);
  }

  @Test
  void kill_9_of_a_run_stops_its_shards_and_its_local_server() throws Exception {
    Process run = startRun("--server-workers", "2", "--processes", "2");
    // The supervisor, its two workers and the two shards.
    List<ProcessHandle> tree = awaitDescendants(run, 5);

    run.destroyForcibly();

    awaitAllExited(tree);
  }

  @AfterEach
  void killLeftovers() {
    started.forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * A {@code run} as a user starts it, with no --url, in the middle of a cell whose steps wait 5 s
   * (long enough to be killed mid-cell, short enough for the server's graceful stop).
   */
  private Process startRun(String... extra) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--requests-grid",
                "4,4",
                "-w",
                "5",
                "--warmup",
                "0",
                "--no-progress",
                "-o",
                dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    Process run =
        new ProcessBuilder(ChildCli.smallJvm(args))
            .redirectOutput(dir.resolve("run.out").toFile())
            .redirectError(dir.resolve("run.err").toFile())
            .start();
    started.add(run.toHandle());
    return run;
  }

  /** Waits until {@code run}'s first cell started with {@code count} processes under it. */
  private List<ProcessHandle> awaitDescendants(Process run, int count) {
    List<ProcessHandle> tree = new ArrayList<>();
    await("the first cell started, with " + count + " processes under the run")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              assertThat(run.isAlive()).as("run alive").isTrue();
              assertThat(Files.readString(dir.resolve("run.err"))).contains("] started");
              tree.clear();
              run.descendants().forEach(tree::add);
              assertThat(tree).hasSize(count);
            });
    started.addAll(tree);
    return tree;
  }

  private static void awaitAllExited(List<ProcessHandle> tree) {
    await("every process the run started exited")
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(
                        tree.stream().filter(p -> !ProcessState.exited(p)).map(ProcessHandle::pid))
                    .as("pids still alive")
                    .isEmpty());
  }
}
