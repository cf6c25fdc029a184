package dev.openenvbench.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code --deploy}: an infrastructure's {@code deploy_script}, started with its {@code env_vars}
 * added to the environment, and waited for until the server answers {@code GET /health} with 200.
 * The script may keep running (a server in the foreground, like the seed's {@code run_uvicorn.sh})
 * or exit 0 once it has launched one elsewhere ({@code sbatch}, a Space push): either way the
 * harness waits for /health. A script still running when the infrastructure's grid is done is
 * stopped with its children. Its output goes to stderr, each line prefixed with the id.
 */
final class Deployment implements AutoCloseable {
  private final Process process;

  private Deployment(Process process) {
    this.process = process;
  }

  /**
   * Starts the script and returns once {@code url}/health answers.
   *
   * @throws IllegalArgumentException the script cannot start, fails, or the server does not answer
   *     within {@code timeoutSeconds}
   */
  static Deployment start(InfraPlan p, double timeoutSeconds, PrintStream err)
      throws InterruptedException {
    StudyFile.Infrastructure i = p.infra();
    ProcessBuilder pb = new ProcessBuilder(i.deployScript()).redirectErrorStream(true);
    pb.environment().putAll(i.envVars());
    Process proc;
    try {
      proc = pb.start();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "["
              + i.id()
              + "] deploy_script "
              + i.deployScript()
              + " cannot start: "
              + e.getMessage());
    }
    Deployment d = new Deployment(proc);
    Thread.ofVirtual().name("deploy-" + i.id()).start(() -> relay(proc, i.id(), err));
    err.printf(
        Locale.ROOT,
        "openenv-bench experiment: [%s] started %s (pid %d); waiting for %s/health%n",
        i.id(),
        i.deployScript(),
        proc.pid(),
        p.url());
    try {
      d.awaitHealthy(p, timeoutSeconds);
      return d;
    } catch (RuntimeException | InterruptedException e) {
      d.close();
      throw e;
    }
  }

  private void awaitHealthy(InfraPlan p, double timeoutSeconds) throws InterruptedException {
    String id = p.infra().id();
    URI health = URI.create(p.url().replaceAll("/+$", "") + "/health");
    long deadline = System.nanoTime() + Math.round(timeoutSeconds * 1e9);
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      while (true) {
        if (!process.isAlive() && process.exitValue() != 0) {
          throw new IllegalArgumentException(
              "[" + id + "] deploy_script exited with status " + process.exitValue());
        }
        if (answers(http, health)) return;
        if (System.nanoTime() > deadline) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "[%s] %s did not answer within %s s of deploy_script starting (--deploy-timeout)",
                  id,
                  health,
                  timeoutSeconds));
        }
        Thread.sleep(250);
      }
    }
  }

  private static boolean answers(HttpClient http, URI health) throws InterruptedException {
    try {
      HttpRequest req = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
      return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static void relay(Process proc, String id, PrintStream err) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) err.println("[deploy " + id + "] " + line);
    } catch (IOException closed) {
      // The script ended or was stopped: nothing more to relay.
    }
  }

  /** Stops the script if it still runs, children first, and waits up to 10 s for it. */
  @Override
  public void close() {
    if (!process.isAlive()) return;
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
