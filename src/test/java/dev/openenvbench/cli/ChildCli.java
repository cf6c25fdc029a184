package dev.openenvbench.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;

/** The command line in a child JVM on this test's classpath, for tests that signal it. */
final class ChildCli {
  private ChildCli() {}

  /**
   * The command line of {@code openenv-bench ARGS...} in a small child JVM (256 MB, serial GC), for
   * a test that runs several at once and redirects them itself.
   */
  static List<String> smallJvm(List<String> args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(args);
    return command;
  }

  /** Starts {@code openenv-bench ARGS...}; stdout discarded, stderr for the caller to read. */
  static Process start(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** The sessions a server holds now, by its own /metrics (over all its workers). */
  static int activeSessions(String url) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      String metrics =
          client
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                  BodyHandlers.ofString())
              .body();
      return metrics
          .lines()
          .filter(l -> l.startsWith("openenv_sessions_active"))
          .mapToInt(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .sum();
    }
  }
}
