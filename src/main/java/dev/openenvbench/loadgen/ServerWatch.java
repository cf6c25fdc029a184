package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.Routes;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Notices a server that went away mid-run. On the first session lost to a refused or closed
 * connection it probes {@code GET /health} on every target once (off the event loops); when none
 * answers it triggers the {@link AbortSignal}, so the run stops instead of recording a dead
 * server's refusals as measurements.
 */
final class ServerWatch {
  private final List<Target> targets;
  private final RequestHeaders headers;
  private final AbortSignal abort;
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile Thread prober;

  ServerWatch(List<Target> targets, RequestHeaders headers, AbortSignal abort) {
    this.targets = targets;
    this.headers = headers;
    this.abort = abort;
  }

  void onFailure(SessionFailure f) {
    boolean suspicious =
        f instanceof SessionFailure.ConnectRefused || f instanceof SessionFailure.ConnectionClosed;
    if (!suspicious || !probing.compareAndSet(false, true)) return;
    prober = Thread.ofVirtual().name("openenv-bench-health-probe").start(this::probe);
  }

  /** Waits for a probe in flight, so a cell is not called complete before its verdict. */
  void awaitProbe() throws InterruptedException {
    Thread p = prober;
    if (p != null) p.join();
  }

  private void probe() {
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      for (Target t : targets) {
        if (healthy(client, t)) {
          probing.set(false);
          return;
        }
      }
    }
    abort.trigger("no server answers /health any more (" + targets.getFirst().url() + ")");
  }

  private boolean healthy(HttpClient client, Target t) {
    try {
      HttpRequest req =
          headers.request(t, t.httpUri(Routes.HEALTH)).timeout(Duration.ofSeconds(2)).build();
      return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
