package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.Routes;
import dev.openenvbench.results.ServerSide;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The server's own figures for one cell, read from its {@code /metrics} before and after the cell
 * ({@link ServerScrape}): the step overhead histogram's buckets subtract to the cell's own steps
 * and add across workers, and so does the CPU counter.
 *
 * <p>Behind {@code serve --workers K} each scrape is answered by whichever worker the kernel hands
 * the connection to, so every scrape is a fresh connection and they repeat: before the cell until
 * {@link #QUIET} scrapes after the last new pid bring none, after it until every pid seen in the
 * cell's rows has answered, each within {@link #MAX_TRIES} scrapes per server. The scrapes before a
 * cell go in rounds at once, each on a connection of its own: one at a time they cost a one-session
 * run a fifth of its wall time. A pid of the rows with no scrape before or after makes the figures
 * {@code partial} (they cover the pids that answered both).
 *
 * <p>The percentiles are the upper bounds of the buckets that hold them: as fine as the server's
 * buckets, and never below the true value.
 */
final class ServerSideMetrics {
  /** Scrapes in a row that found no new worker before the verdict "all found" (1/4096 to miss). */
  static final int QUIET = 12;

  static final int MAX_TRIES = 48;
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final List<Target> targets;
  private final RequestHeaders headers;
  private final ClientTransport transport;

  /** Scrapes {@code targets} with the run's {@code headers}, over the run's {@code transport}. */
  ServerSideMetrics(List<Target> targets, RequestHeaders headers, ClientTransport transport) {
    this.targets = targets;
    this.headers = headers;
    this.transport = transport;
  }

  /**
   * What the workers said before a cell.
   *
   * @param byPid each worker's scrape; empty when the server offers no metrics
   * @param pidsByTarget the workers found behind each server URL
   */
  record Before(Map<Long, ServerScrape> byPid, Map<Target, Set<Long>> pidsByTarget) {}

  Before before() throws InterruptedException {
    Map<Long, ServerScrape> byPid = new HashMap<>();
    Map<Target, Set<Long>> pidsByTarget = new HashMap<>();
    for (Target t : targets) {
      Set<Long> found = pidsByTarget.computeIfAbsent(t, x -> new HashSet<>());
      int quiet = 0;
      for (int tries = 0; tries < MAX_TRIES && quiet < QUIET; ) {
        // One first (a server without /metrics is asked once per cell, not QUIET times), then as
        // many at once as could end the search: QUIET after the last new pid.
        int round = tries == 0 ? 1 : Math.min(QUIET - quiet, MAX_TRIES - tries);
        tries += round;
        boolean answered = false;
        for (ServerScrape s : scrapes(t, round)) {
          if (s == null) continue; // one scrape unanswered: the round's others still count
          answered = true;
          byPid.putIfAbsent(s.pid(), s);
          quiet = found.add(s.pid()) ? 0 : quiet + 1;
        }
        if (!answered) break; // no metrics here (or no answer): nothing to wait for
      }
    }
    return new Before(byPid, pidsByTarget);
  }

  /**
   * {@code count} scrapes at once, each on a connection of its own ({@link FreshConnectionGet}: a
   * pooled connection that an earlier reply freed would ask one worker twice), in the order they
   * were sent; an entry is null when that scrape got no metrics.
   */
  private List<ServerScrape> scrapes(Target t, int count) throws InterruptedException {
    List<CompletableFuture<FreshConnectionGet.Response>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) sent.add(ask(t));
    List<ServerScrape> out = new ArrayList<>();
    for (CompletableFuture<FreshConnectionGet.Response> f : sent) out.add(parsed(f));
    return out;
  }

  /**
   * The cell's figures.
   *
   * @param rowPids the server pids the cell's rows reported
   */
  ServerSide after(Before before, Set<Long> rowPids) throws InterruptedException {
    if (before.byPid().isEmpty()) return ServerSide.NONE;
    Map<Long, ServerScrape> after = new HashMap<>();
    Integer cores = null;
    for (Target t : targets) {
      Set<Long> wanted = new HashSet<>(rowPids);
      wanted.retainAll(before.pidsByTarget().getOrDefault(t, Set.of()));
      for (int i = 0; i < MAX_TRIES && !after.keySet().containsAll(wanted); i++) {
        ServerScrape s = scrape(t);
        if (s == null) break;
        after.putIfAbsent(s.pid(), s);
      }
      Integer here = cores(before.pidsByTarget().getOrDefault(t, Set.of()), before.byPid());
      if (here != null) cores = (cores == null ? 0 : cores) + here;
    }
    return figures(before.byPid(), after, rowPids, cores);
  }

  /**
   * The largest core count the workers of one server reported: they share its machine, so their
   * counts are not added (two servers on one machine are counted twice, which understates how busy
   * its cores were, never overstates it).
   */
  private static Integer cores(Set<Long> pids, Map<Long, ServerScrape> byPid) {
    return pids.stream()
        .map(byPid::get)
        .map(s -> s == null ? null : s.cpuCount())
        .filter(c -> c != null)
        .max(Integer::compare)
        .orElse(null);
  }

  /** Adds up the differences of the pids scraped both times; pure, for tests. */
  static ServerSide figures(
      Map<Long, ServerScrape> before,
      Map<Long, ServerScrape> after,
      Set<Long> rowPids,
      Integer cpuCount) {
    double[] bounds = null;
    double[] counts = null;
    double cpu = 0;
    boolean cpuKnown = false;
    boolean partial = false;
    for (Map.Entry<Long, ServerScrape> e : after.entrySet()) {
      ServerScrape b = before.get(e.getKey());
      ServerScrape a = e.getValue();
      if (b == null || !Arrays.equals(a.bounds(), b.bounds())) {
        partial |= rowPids.contains(e.getKey());
        continue;
      }
      if (bounds == null) {
        bounds = a.bounds();
        counts = new double[bounds.length];
      } else if (!Arrays.equals(bounds, a.bounds())) {
        partial = true; // workers with different buckets cannot be added up
        continue;
      }
      for (int i = 0; i < bounds.length; i++) counts[i] += a.cumulative()[i] - b.cumulative()[i];
      if (a.cpuSeconds() != null && b.cpuSeconds() != null) {
        cpu += a.cpuSeconds() - b.cpuSeconds();
        cpuKnown = true;
      }
    }
    for (long pid : rowPids) {
      if (!after.containsKey(pid) || !before.containsKey(pid)) partial = true;
    }
    return new ServerSide(
        quantileBound(bounds, counts, 0.50),
        quantileBound(bounds, counts, 0.99),
        cpuKnown ? cpu : null,
        partial ? ServerSide.PARTIAL : ServerSide.COMPLETE,
        cpuCount);
  }

  /** The upper bound of the bucket holding the q-quantile; null when no step was counted. */
  static Double quantileBound(double[] bounds, double[] cumulative, double q) {
    if (bounds == null) return null;
    double total = cumulative[cumulative.length - 1];
    if (total <= 0) return null;
    double rank = Math.ceil(q * total);
    for (int i = 0; i < bounds.length; i++) {
      if (cumulative[i] >= rank) return bounds[i];
    }
    return bounds[bounds.length - 1];
  }

  /** One scrape on a connection of its own, or null when none came. */
  private ServerScrape scrape(Target t) throws InterruptedException {
    return parsed(ask(t));
  }

  /** Sends one scrape, on a connection of its own. */
  private CompletableFuture<FreshConnectionGet.Response> ask(Target t) {
    return FreshConnectionGet.get(transport, t, Routes.METRICS, headers, TIMEOUT);
  }

  /** The scrape {@code answer} brings, or null for no answer, another status or no histogram. */
  private static ServerScrape parsed(CompletableFuture<FreshConnectionGet.Response> answer)
      throws InterruptedException {
    try {
      FreshConnectionGet.Response r = answer.get();
      return r.status() == 200 ? ServerScrape.parse(r.body()) : null;
    } catch (ExecutionException | IllegalArgumentException e) {
      return null;
    }
  }
}
