package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openenvbench.cli.Main;
import dev.openenvbench.launch.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code openenv-bench serve} as a real child process (same classpath as the tests), for what only
 * a process shows: signals, exit codes, worker processes, ports. Started as a user starts it (not
 * through ChildJvm), so it does not watch the test JVM.
 */
public final class ServeProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern PID = Pattern.compile("\"pid\":(\\d+)");

  final Process process;
  public final String url;

  private ServeProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  public static ServeProcess start(String... serveArgs) throws Exception {
    return start(builder(serveArgs));
  }

  /** Starts {@code builder} (a {@link #builder} changed by the caller) and waits until ready. */
  public static ServeProcess start(ProcessBuilder builder) throws Exception {
    // The caller's redirect of stderr stands (a test that reads it); else the test's own.
    if (builder.redirectError() == ProcessBuilder.Redirect.PIPE) {
      builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    }
    Process process = builder.start();
    return awaitReady(process);
  }

  /** Waits until {@code process}, a {@code serve}, says it listens; kills it if it never does. */
  static ServeProcess awaitReady(Process process) throws Exception {
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith(ChildJvm.SERVE_READY)) {
                    ready.complete(line.substring(ChildJvm.SERVE_READY.length()));
                  }
                }
                ready.completeExceptionally(new AssertionError("serve exited before it was ready"));
              } catch (Exception e) {
                ready.completeExceptionally(e);
              }
            });
    try {
      return new ServeProcess(process, ready.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** The command line a user would type, as a process builder (not started). */
  public static ProcessBuilder builder(String... serveArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElseThrow());
    cmd.addAll(
        List.of(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path")));
    cmd.add(Main.class.getName());
    cmd.add("serve");
    cmd.addAll(List.of(serveArgs));
    return new ProcessBuilder(cmd);
  }

  /** The port of {@link #url}. */
  int port() {
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }

  /** SIGTERM, then the exit code (waiting up to 60 s). */
  int terminate() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("serve did not exit within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  /** The pid a fresh connection's reset reports; empty while no worker answers. */
  static Optional<Long> pidOfAFreshSession(String url) throws InterruptedException {
    try (WsTestClient ws = WsTestClient.connect(url)) {
      Matcher m = PID.matcher(ws.call("{\"type\":\"reset\"}"));
      return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    } catch (RuntimeException connectFailed) {
      return Optional.empty();
    }
  }

  /** Waits until {@code gauge} on {@code /metrics} has {@code value}. */
  static void awaitMetric(String url, String gauge, double value) {
    await(gauge + " on /metrics")
        .atMost(Duration.ofSeconds(10))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(() -> assertThat(metric(url, gauge)).as(gauge).isEqualTo(value));
  }

  /** The value of {@code gauge} on {@code /metrics}, or null when it is not there. */
  private static Double metric(String url, String gauge) throws Exception {
    String body =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(gauge) + "\\{[^}]*} (\\S+)$").matcher(body);
    return m.find() ? Double.valueOf(m.group(1)) : null;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
