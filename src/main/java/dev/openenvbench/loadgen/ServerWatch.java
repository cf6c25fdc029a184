package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.Routes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Notices a server that went away mid-run. On the first session lost to a refused or closed
 * connection it probes {@code GET /health} on every target (off the event loops); when none is
 * there it triggers the {@link AbortSignal}, so the run stops instead of recording a dead server's
 * refusals as measurements.
 *
 * <p>"Not there" is a refused connection or an answer other than 200 (a balancer whose backends are
 * all gone says 503), known at once. A probe that gets no answer in time says nothing: at 100,000
 * sessions on two cores a live server's accept queue was full of the storm's connects, and the
 * probe's own connect waited in it, so a run stopped on the first unanswered probe said "no server
 * answers" of a server that was still serving. So unanswered probes repeat, a second apart; a
 * session answered meanwhile (a reset or a step reply) says the server is there, and only {@link
 * #PATIENCE} without either end the run.
 */
final class ServerWatch {
  /** How long probes may go unanswered before the server counts as gone. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final List<Target> targets;
  private final RequestHeaders headers;
  private final AbortSignal abort;
  private final LongSupplier answers;
  private final Duration patience;
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile Thread prober;

  /**
   * @param answers how many server answers the cell's sessions have had so far (resets and step
   *     replies): one more during a probe says the server is there
   */
  ServerWatch(
      List<Target> targets, RequestHeaders headers, AbortSignal abort, LongSupplier answers) {
    this(targets, headers, abort, answers, PATIENCE);
  }

  /** With its own patience: for tests. */
  ServerWatch(
      List<Target> targets,
      RequestHeaders headers,
      AbortSignal abort,
      LongSupplier answers,
      Duration patience) {
    this.targets = targets;
    this.headers = headers;
    this.abort = abort;
    this.answers = answers;
    this.patience = patience;
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

  /** What one {@code GET /health} found. */
  private enum Health {
    UP,
    /** Refused, or answered with another status: known at once. */
    GONE,
    /** No answer in time, or a failure that says neither. */
    UNKNOWN
  }

  private void probe() {
    long giveUp = System.nanoTime() + patience.toNanos();
    long answered = answers.getAsLong();
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      while (true) {
        boolean unknown = false;
        for (Target t : targets) {
          switch (health(client, t)) {
            case UP -> {
              probing.set(false);
              return;
            }
            case UNKNOWN -> unknown = true;
            case GONE -> {}
          }
        }
        if (!unknown) {
          abort.trigger("no server answers /health any more (" + targets.getFirst().url() + ")");
          return;
        }
        if (answers.getAsLong() > answered) { // a session's reply came: a server is there
          probing.set(false);
          return;
        }
        if (System.nanoTime() - giveUp >= 0) {
          abort.trigger(
              "no server answered /health for "
                  + patience.toSeconds()
                  + " s ("
                  + targets.getFirst().url()
                  + "): gone, or too overloaded to answer");
          return;
        }
        Thread.sleep(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the run is stopping: no verdict
    }
  }

  private Health health(HttpClient client, Target t) throws InterruptedException {
    try {
      HttpRequest req = headers.request(t, t.httpUri(Routes.HEALTH)).timeout(TIMEOUT).build();
      int status = client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status == 200 ? Health.UP : Health.GONE;
    } catch (HttpConnectTimeoutException e) {
      return Health.UNKNOWN;
    } catch (ConnectException e) {
      return Health.GONE;
    } catch (IOException e) {
      return Health.UNKNOWN;
    }
  }
}
