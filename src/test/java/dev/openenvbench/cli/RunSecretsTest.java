package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.launch.ChildCommand;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --header} and {@code --hf-token-env} end to end: a {@code run --compare --processes 2} in
 * a process of its own (so its environment holds the token) against a real server behind a relay
 * that keeps every byte sent to it. Every request head (WebSocket upgrades, HTTP resets and steps,
 * the harness's own /health, /metadata, /metrics) carries both headers, and neither value appears
 * in any file of the output folder, on the console, or on a shard child's command line.
 */
class RunSecretsTest {
  static final String HEADER_SECRET = "hdr-secret-5c1f";
  static final String TOKEN_SECRET = "tok-secret-9a7e";
  private static final Pattern HEAD =
      Pattern.compile("(GET|POST) (\\S+) HTTP/1\\.1\r\n(.*?)\r\n\r\n", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void headers_reach_every_request_and_no_secret_is_written_or_on_a_child_command_line()
      throws Exception {
    try (BenchServer server = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100));
        RecordingProxy proxy = new RecordingProxy(server.url())) {
      Path out = dir.resolve("out");
      List<String> args =
          List.of(
              "run",
              "--url",
              proxy.url(),
              "--compare",
              "-n",
              "4",
              "-w",
              "1.5",
              "--processes",
              "2",
              "--warmup",
              "0",
              "--no-progress",
              "-o",
              out.toString(),
              "--header",
              "X-Trace: " + HEADER_SECRET,
              "--hf-token-env",
              "MY_TOKEN");
      Process run =
          Main.childJvm()
              .processBuilder(new ChildCommand(args, Map.of("MY_TOKEN", TOKEN_SECRET)))
              .redirectOutput(dir.resolve("stdout.txt").toFile())
              .redirectError(dir.resolve("stderr.txt").toFile())
              .start();
      Map<Long, String> commandLines = watchDescendants(run);

      assertThat(run.exitValue()).as(read(dir.resolve("stderr.txt"))).isZero();
      assertHeadsCarryBoth(proxy.received());
      List<String> children =
          commandLines.entrySet().stream()
              .filter(e -> e.getKey() != run.pid())
              .map(Map.Entry::getValue)
              .toList();
      assertThat(children).anyMatch(c -> c.contains("--segment"));
      assertThat(children)
          .allSatisfy(c -> assertThat(c).doesNotContain(HEADER_SECRET, TOKEN_SECRET));
      assertThat(commandLines.get(run.pid()))
          .as("the probe reads argv: the user's own command line has the --header it was given")
          .contains(HEADER_SECRET);
      List<Path> written = new ArrayList<>();
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(Files::isRegularFile).forEach(written::add);
      }
      assertThat(written)
          .anyMatch(p -> p.endsWith("manifest.json"))
          .anyMatch(p -> p.toString().contains("shards") && p.endsWith("stderr.txt"));
      for (Path p : written) {
        assertThat(read(p)).as(p.toString()).doesNotContain(HEADER_SECRET, TOKEN_SECRET);
      }
      var manifest =
          RunWorkloadTest.JSON.readTree(firstManifest(out).toFile()).path("configuration");
      assertThat(manifest.path("headers").toString())
          .isEqualTo("[\"X-Trace: <redacted>\",\"Authorization: <redacted>\"]");
      assertThat(manifest.path("hf_token_env").asString()).isEqualTo("MY_TOKEN");
    }
  }

  /** Each request head the relay saw has both headers: the user's and the bearer token. */
  private static void assertHeadsCarryBoth(String received) {
    Matcher m = HEAD.matcher(received);
    Set<String> routes = new java.util.TreeSet<>();
    int heads = 0;
    while (m.find()) {
      heads++;
      routes.add(m.group(1) + " " + m.group(2));
      String head = m.group(3).toLowerCase(java.util.Locale.ROOT);
      assertThat(head).as(m.group(0)).contains("x-trace: " + HEADER_SECRET);
      assertThat(head).as(m.group(0)).contains("authorization: bearer " + TOKEN_SECRET);
    }
    assertThat(routes).contains("GET /ws", "POST /reset", "POST /step", "GET /health");
    // 8 sessions, their resets and steps, and the pre-flight's: dozens of heads, all checked.
    assertThat(heads).isGreaterThan(20);
  }

  /**
   * Polls the process tree until {@code run} exits: its own command line (once it is the child's,
   * not the forking JVM's) and every descendant's.
   */
  private static Map<Long, String> watchDescendants(Process run) throws Exception {
    Map<Long, String> seen = new ConcurrentHashMap<>();
    while (!run.waitFor(50, TimeUnit.MILLISECONDS)) {
      String own = commandLine(run.pid());
      if (own.contains(" run --url ")) seen.put(run.pid(), own);
      // The latest: a child forked but not yet exec'ed still shows this process's command line.
      run.descendants()
          .forEach(
              p -> {
                String c = commandLine(p.pid());
                if (!c.isEmpty()) seen.put(p.pid(), c);
              });
    }
    String own = seen.getOrDefault(run.pid(), "");
    seen.values().removeIf(c -> c.equals(own));
    seen.put(run.pid(), own);
    return seen;
  }

  /** What {@code ps} shows any user of the machine: /proc/PID/cmdline. */
  private static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException gone) {
      return "";
    }
  }

  private static Path firstManifest(Path out) throws IOException {
    try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
      return runs.findFirst().orElseThrow().resolve("manifest.json");
    }
  }

  private static String read(Path p) throws IOException {
    return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
  }
}
