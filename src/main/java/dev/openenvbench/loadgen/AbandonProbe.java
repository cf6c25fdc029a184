package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.Routes;
import dev.openenvbench.results.AbandonedSlots;
import dev.openenvbench.results.CellId;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.RawJsonlWriter;
import dev.openenvbench.results.SessionRecord;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * Watches whether and when a server gives back the slots of a cell's abandoned sessions, from its
 * own counts: its {@code openenv_sessions_active} on {@code /metrics} where it has one (polled
 * every {@value #METRICS_POLL_MS} ms from the last abandonment on, while the cell goes on), else
 * the active/max counts of a {@code CAPACITY_REACHED} refusal (after the cell, probe sessions every
 * {@value #REFUSAL_POLL_MS} ms). Runs on a thread of its own; blocks only that thread.
 */
final class AbandonProbe {
  static final long METRICS_POLL_MS = 100;
  static final long REFUSAL_POLL_MS = 1000;
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final List<Target> targets;
  private final Abandonment abandonment;
  private final NanoClock clock;
  private final Integer activeBefore;

  /**
   * @param activeBefore the servers' active sessions before the cell started, or null when they
   *     offer no such count
   */
  private AbandonProbe(
      List<Target> targets, Abandonment abandonment, NanoClock clock, Integer activeBefore) {
    this.targets = targets;
    this.abandonment = abandonment;
    this.clock = clock;
    this.activeBefore = activeBefore;
  }

  /** Reads the servers' count before the cell, for the probe to compare with. */
  static AbandonProbe before(List<Target> targets, Abandonment abandonment, NanoClock clock)
      throws InterruptedException {
    return new AbandonProbe(targets, abandonment, clock, active(targets));
  }

  /**
   * Polls the servers' count until the abandoned slots are back or {@code probeSeconds} after the
   * last abandonment; call once every session that will be abandoned has been (or the cell ended).
   *
   * @param ourLive the cell's sessions that the server holds a slot for on our behalf right now
   *     (reset done, not yet ended, not abandoned)
   */
  AbandonedSlots byMetrics(double probeSeconds, IntSupplier ourLive, AbortSignal abort)
      throws InterruptedException {
    long from = abandonment.lastVanishedNanos();
    long deadline = from + Math.round(probeSeconds * 1e9);
    while (true) {
      Integer active = active(targets);
      if (active == null) return unknown();
      long now = clock.nanoTime();
      // At most the abandoned sessions: a finished session whose close the server has not yet
      // processed (a busy machine) is counted active a moment longer, and is not one of them.
      int held =
          Math.min(abandonment.count(), Math.max(0, active - activeBefore - ourLive.getAsInt()));
      if (held == 0) return slots(AbandonedSlots.METRICS, (now - from) / 1e9, 0);
      if (now >= deadline || abort.triggered()) return slots(AbandonedSlots.METRICS, null, held);
      Thread.sleep(METRICS_POLL_MS);
    }
  }

  /** Whether the servers count their sessions on /metrics: else the probe uses refusals. */
  boolean hasMetrics() {
    return activeBefore != null;
  }

  /**
   * After the cell: fills the server with {@code probeSessions} probe sessions held at once ({@code
   * probe} runs them as a barrier cell), one more than the cell had, so that a server whose cap the
   * cell reached refuses one with {@code CAPACITY_REACHED}; that refusal's max count less the
   * probes admitted is what is still taken. Every {@value #REFUSAL_POLL_MS} ms until none is held
   * or {@code probeSeconds} after the last abandonment. A server that admits them all has more
   * slots than the cell used, and cannot tell: unknown (run with N = the server's cap).
   */
  AbandonedSlots byRefusal(double probeSeconds, int probeSessions, Probe probe, AbortSignal abort)
      throws InterruptedException {
    long from = abandonment.lastVanishedNanos();
    long deadline = from + Math.round(probeSeconds * 1e9);
    int k = abandonment.count();
    while (true) {
      List<SessionRecord> rows = new CopyOnWriteArrayList<>();
      probe.run(probeSessions, rows);
      long now = clock.nanoTime();
      int admitted = (int) rows.stream().filter(SessionRecord::success).count();
      Integer max =
          rows.stream()
              .map(r -> r.get(RawFields.MAX_SESSIONS))
              .filter(m -> m != null)
              .findFirst()
              .orElse(null);
      if (max == null && admitted == probeSessions) {
        return slots(AbandonedSlots.REFUSAL, null, null);
      }
      Integer held = max == null ? null : Math.min(k, Math.max(0, max - admitted));
      if (held != null && held == 0) {
        return slots(AbandonedSlots.REFUSAL, (now - from) / 1e9, 0);
      }
      if (now >= deadline || abort.triggered()) return slots(AbandonedSlots.REFUSAL, null, held);
      Thread.sleep(REFUSAL_POLL_MS);
    }
  }

  /** Runs {@code sessions} probe sessions at once, their rows into {@code rows}. */
  interface Probe {
    void run(int sessions, List<SessionRecord> rows) throws InterruptedException;
  }

  /** The probe of {@link #byRefusal}: a barrier cell of wait-0 WebSocket sessions, unrecorded. */
  static Probe sessions(ClientTransport transport, NanoClock clock, CellPlan cell) {
    return (n, rows) -> {
      CellPlan plan =
          new CellPlan(
              CellPlan.Mode.WS,
              cell.targets(),
              n,
              0,
              0,
              1,
              0,
              true,
              cell.timeoutSeconds(),
              cell.hardware(),
              null,
              // The user's headers (a private deployment refuses without them) and actions.
              cell.workload().withoutThinking());
      try (SelfMonitor monitor = new SelfMonitor(transport.group());
          RawJsonlWriter raw = RawJsonlWriter.discarding().alsoTo(rows::add)) {
        new CellRunner(transport, clock, 1)
            .run(plan, CellId.UNRECORDED, raw, monitor, new AbortSignal(), new CellProgress(n));
      }
    };
  }

  private AbandonedSlots unknown() {
    return slots(null, null, null);
  }

  private AbandonedSlots slots(String probe, Double recoverySeconds, Integer held) {
    return new AbandonedSlots(
        abandonment.count(), abandonment.how().label(), probe, recoverySeconds, held);
  }

  /** The servers' active sessions, summed; null when one of them does not count them. */
  static Integer active(List<Target> targets) throws InterruptedException {
    int sum = 0;
    for (Target t : targets) {
      Integer n = active(t);
      if (n == null) return null;
      sum += n;
    }
    return sum;
  }

  private static Integer active(Target t) throws InterruptedException {
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      HttpRequest req = HttpRequest.newBuilder(t.httpUri(Routes.METRICS)).timeout(TIMEOUT).build();
      HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) return null;
      Integer active = null;
      for (String line : r.body().split("\n")) {
        ServerScrape.Sample s = ServerScrape.Sample.parse(line.strip());
        if (s != null && s.name().equals("openenv_sessions_active")) {
          active = (active == null ? 0 : active) + (int) Math.round(s.value());
        }
      }
      return active;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
