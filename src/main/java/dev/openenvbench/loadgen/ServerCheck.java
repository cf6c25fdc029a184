package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.Routes;
import dev.openenvbench.results.CellId;
import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.RawJsonlWriter;
import io.netty.channel.ConnectTimeoutException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The pre-flight check of the servers, before any load: each answers {@code GET /health}, then one
 * unrecorded session of the run's own shape (its mode, its smallest wait, its steps) succeeds on
 * the first. What is wrong is said in one sentence and the run does not start: a closed port, a
 * server that is not OpenEnv, plain HTTP behind an https URL, a wait the server refuses. Without it
 * such runs recorded thousands of failed sessions and exited "success".
 */
final class ServerCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ServerCheck() {}

  /**
   * @throws IllegalArgumentException a server failed the check; the message says how and what to do
   */
  static void check(RunConfig cfg, List<Target> targets, NanoClock clock, PrintStream err)
      throws InterruptedException {
    // GET /health goes over the sessions' own Netty transport: its connection warms the code the
    // pre-flight session runs next, where a JDK HttpClient built cold for it (100-125 ms) warmed
    // nothing else.
    try (ClientTransport transport = new ClientTransport(1, List.of(), cfg.connection())) {
      for (Target t : targets) health(transport, t, cfg.workload().headers());
      double wait = cfg.waitGrid().stream().mapToDouble(Double::doubleValue).min().orElse(0);
      if (wait >= 5) {
        err.printf(
            Locale.ROOT,
            "openenv-bench run: pre-flight: one session per mode, stepping %s s ...%n",
            wait);
      }
      // The modes' sessions run at once: the check costs one wait, not one per mode.
      Map<CellPlan.Mode, Future<CellSummary>> sessions = new EnumMap<>(CellPlan.Mode.class);
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (CellPlan.Mode mode : cfg.modes()) {
          sessions.put(mode, threads.submit(() -> one(transport, clock, cfg, mode, targets, wait)));
        }
      }
      for (var e : sessions.entrySet()) {
        CellSummary s = get(e.getValue());
        if (s.successful() == 0) throw failed(e.getKey(), targets.getFirst(), wait, s);
      }
    }
    err.println(
        "openenv-bench run: pre-flight: "
            + targets.size()
            + " server(s) healthy, one session per mode succeeded");
  }

  /** One unrecorded session of the run's shape in {@code mode}, on the first target. */
  private static CellSummary one(
      ClientTransport transport,
      NanoClock clock,
      RunConfig cfg,
      CellPlan.Mode mode,
      List<Target> targets,
      double wait)
      throws InterruptedException {
    CellPlan plan =
        new CellPlan(
            mode,
            List.of(targets.getFirst()),
            1,
            wait,
            0,
            cfg.steps(),
            0,
            false,
            cfg.timeoutSeconds(),
            cfg.hardware(),
            null,
            cfg.workload().withoutThinking());
    try (SelfMonitor monitor = new SelfMonitor(transport.group());
        RawJsonlWriter nowhere = RawJsonlWriter.discarding()) {
      return new CellRunner(transport, clock, 1)
          .run(plan, CellId.UNRECORDED, nowhere, monitor, new AbortSignal(), new CellProgress(1))
          .summary();
    }
  }

  private static CellSummary get(Future<CellSummary> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the pre-flight session failed to run", e.getCause());
    }
  }

  private static void health(ClientTransport transport, Target t, RequestHeaders headers)
      throws InterruptedException {
    String where = t.url() + Routes.HEALTH;
    int status;
    try {
      status = FreshConnectionGet.get(transport, t, Routes.HEALTH, headers, TIMEOUT).get().status();
    } catch (ExecutionException e) {
      throw bad(why(e.getCause(), t, where));
    }
    if (status == 401 || status == 403) {
      throw bad(
          "GET "
              + where
              + " answered "
              + status
              + ": the server wants credentials (a private Space: --hf-token-env HF_TOKEN;"
              + " otherwise --header 'Authorization: Bearer ...')");
    }
    if (status != 200) {
      throw bad(
          "GET "
              + where
              + " answered "
              + status
              + ", not 200: is this an OpenEnv server, at its root URL?");
    }
  }

  /** Why {@code GET /health} got no answer, in the words of {@code cause}'s kind. */
  private static String why(Throwable cause, Target t, String where) {
    for (Throwable c : chain(cause, new ArrayList<>())) {
      switch (c) {
        case ConnectTimeoutException e -> {
          return "connecting to "
              + t.hostHeader()
              + " took more than "
              + TIMEOUT.toSeconds()
              + " s";
        }
        case ConnectException e -> {
          return "nothing listens at "
              + t.hostHeader()
              + " (connection refused): is the server up, and the URL right?";
        }
        case UnknownHostException e -> {
          return "unknown host in " + t.url();
        }
        case TimeoutException e -> {
          return "GET " + where + " got no answer within " + TIMEOUT.toSeconds() + " s";
        }
        case SSLException e -> {
          return tlsFailed(t, e.getMessage());
        }
        default -> {}
      }
    }
    return "GET " + where + " failed: " + (cause.getMessage() == null ? cause : cause.getMessage());
  }

  /**
   * {@code t}, its causes and what each suppressed, in that order: a plain server that closes the
   * connection mid-handshake fails the request with a closed channel, the handshake's own failure
   * suppressed in it.
   */
  private static List<Throwable> chain(Throwable t, List<Throwable> seen) {
    for (Throwable c = t; c != null && !seen.contains(c); c = c.getCause()) {
      seen.add(c);
      for (Throwable s : c.getSuppressed()) chain(s, seen);
    }
    return seen;
  }

  private static String tlsFailed(Target t, String detail) {
    return "the TLS handshake with "
        + t.hostHeader()
        + " failed ("
        + detail
        + "): if the server speaks plain HTTP, use http:// in --url";
  }

  private static IllegalArgumentException failed(
      CellPlan.Mode mode, Target t, double wait, CellSummary s) {
    Map.Entry<String, Integer> cause =
        s.errors().isEmpty() ? Map.entry("unfinished", 1) : s.errors().firstEntry();
    if (mode == CellPlan.Mode.HTTP && noHttpReset(cause.getKey())) {
      return bad(
          t.url()
              + " is a server in OpenEnv's production mode (0.7+, OPENENV_MODE=production): it has"
              + " no HTTP /reset, /step or /state, so no HTTP session can run on it; its sessions"
              + " are on /ws: measure it with -m ws");
    }
    String example = s.errorExamples().getOrDefault(cause.getKey(), "");
    return bad(
        "one "
            + mode.label()
            + " session (wait "
            + wait
            + " s) against "
            + t.url()
            + " failed: "
            + cause.getKey()
            + (example.isEmpty() ? "" : ": " + example)
            + hint(mode, cause.getKey()));
  }

  /** The reset of an HTTP session found no route: 404 (OpenEnv's production mode) or 405. */
  private static boolean noHttpReset(String cause) {
    return cause.equals("http_status:HTTP_404") || cause.equals("http_status:HTTP_405");
  }

  /** What to do, for the failures whose cause is plain from the kind. */
  private static String hint(CellPlan.Mode mode, String cause) {
    if (cause.startsWith("rate_limited") || cause.startsWith("unavailable")) {
      return " (a proxy in front of the server, or a sleeping Space, refused the session: retry"
          + " later)";
    }
    if (cause.startsWith("ws_handshake")) return " (no OpenEnv /ws route here?)";
    if (cause.equals("openenv_error:CAPACITY_REACHED")) {
      return " (the server is full before the run starts)";
    }
    if (cause.equals("openenv_error:VALIDATION_ERROR")) {
      return " (the server refused the step's action)";
    }
    return "";
  }

  private static IllegalArgumentException bad(String why) {
    return new IllegalArgumentException("pre-flight check failed: " + why);
  }
}
