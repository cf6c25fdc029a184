package dev.openenvbench.loadgen;

import dev.openenvbench.launch.ChildCommand;
import dev.openenvbench.launch.ChildJvm;
import dev.openenvbench.launch.ServeArgs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark server started as a child process of this JVM ({@code openenv-bench serve --port 0}),
 * for a {@code run} without {@code --url}. It is ready when it prints {@code openenv-bench serve:
 * listening on http://HOST:PORT}; {@link #close} stops it with SIGTERM (then SIGKILL after 10 s).
 * The child runs on this JVM's java and class path, so it works from the jar and from tests alike.
 * Should this process die without closing it ({@code kill -9}), the server stops by itself, and its
 * workers with it: it watches this process through its standard input ({@code launch.ChildJvm}).
 */
public final class LocalServer implements AutoCloseable {
  static final Pattern READY =
      Pattern.compile(Pattern.quote(ChildJvm.SERVE_READY) + "(http://\\S+)");
  private final Process process;
  private final String url;

  private LocalServer(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /**
   * Starts the server and waits until it listens.
   *
   * @param jvm how to start the child {@code serve}
   * @param maxConcurrentEnvs session cap per worker, raised by the caller to fit the run
   * @param workers server worker processes
   * @param inheritLogs true to show the server's stderr, false to discard it
   */
  public static LocalServer start(
      ChildJvm jvm, int maxConcurrentEnvs, int workers, boolean inheritLogs, double timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        jvm.processBuilder(command(maxConcurrentEnvs, workers))
            .redirectError(
                inheritLogs ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readUrl(p));
    try {
      String url = ready.get(Math.round(timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
      if (url == null)
        throw new IOException("local server exited before listening (exit " + exitCode(p) + ")");
      return new LocalServer(p, url);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      p.destroyForcibly();
      throw new IOException("local server did not start within " + timeoutSeconds + " s: " + e, e);
    } catch (IOException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /** The command line of the local server: loopback only, on a free port. */
  public static ChildCommand command(int maxConcurrentEnvs, int workers) {
    return ServeArgs.serve()
        .host("127.0.0.1")
        .port(0)
        .workers(workers)
        .maxConcurrentEnvs(maxConcurrentEnvs)
        .build();
  }

  private static String readUrl(Process p) {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    try {
      for (String line; (line = r.readLine()) != null; ) {
        Matcher m = READY.matcher(line);
        if (m.find()) {
          Thread.ofVirtual().start(() -> drain(r));
          return m.group(1);
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  private static void drain(BufferedReader r) {
    try {
      while (r.readLine() != null) {}
    } catch (IOException ignored) {
      // The child is gone; nothing left to read.
    }
  }

  private static String exitCode(Process p) {
    try {
      return p.waitFor(1, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  public String url() {
    return url;
  }

  public long pid() {
    return process.pid();
  }

  /** Completes when the server process exits, for whatever reason. */
  public CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** Kills the server and its workers at once (SIGKILL), as a crash would. */
  public void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
