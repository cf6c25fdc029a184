package dev.openenvbench.server;

import dev.openenvbench.cli.Main;
import dev.openenvbench.launch.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code openenv-bench serve} as a real child process (same classpath as the tests), for what only
 * a process shows: signals, exit codes, worker processes.
 */
final class ServeProcess implements AutoCloseable {
  final Process process;
  final String url;

  private ServeProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  static ServeProcess start(String... serveArgs) throws Exception {
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
    Process process =
        new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
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

  /** SIGTERM, then the exit code (waiting up to 60 s). */
  int terminate() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("serve did not exit within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
