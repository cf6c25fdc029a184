import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator that holds WebSocket sessions sleeping in {@code step}; JDK only, run with
 * {@code java bench/WsHold.java --url http://127.0.0.1:PORT -n 9500 --wait 60 --ramp 500}.
 *
 * <p>Each virtual user: connect {@code /ws} ─▶ reset ─▶ reply ─▶ step(wait) ─▶ reply ─▶
 * {@code {"type":"close"}} ─▶ close. It succeeds when neither reply is an error frame. Any
 * other end is a failure counted by cause (connect refused/timeout, bind, handshake, error
 * code, closed early, reply timeout, I/O). Sessions are callbacks, not threads.
 *
 * <p>Output on stdout, one {@code key=value} line each: {@code event=all-stepping} once every
 * session has either sent its step or failed, then the totals. The server's own gauge is
 * sampled from {@code /metrics} with a fresh TCP connection each time (so with SO_REUSEPORT
 * workers each sample lands on a random worker); {@code server_peak_steps_in_flight} is the
 * largest sum over pids of each pid's latest sample, counting only moments when every pid seen
 * so far was sampled within the last 3 s.
 */
public final class WsHold {
  record Options(URI url, int sessions, double waitSeconds, double rampPerSecond, InetAddress source,
      long sampleMillis, double timeoutSlackSeconds) {
    static Options parse(String[] args) throws IOException {
      Map<String, String> m = new TreeMap<>();
      for (int i = 0; i + 1 < args.length; i += 2) {
        m.put(args[i], args[i + 1]);
      }
      if (args.length % 2 != 0 || !m.containsKey("--url")) {
        throw new IllegalArgumentException("usage: --url http://HOST:PORT [-n 100] [--wait 60] [--ramp 500]"
            + " [--source-address 127.0.0.2] [--sample-ms 250 (0 = off)] [--timeout-slack 60]");
      }
      String src = m.get("--source-address");
      return new Options(URI.create(m.get("--url")), Integer.parseInt(m.getOrDefault("-n", "100")),
          Double.parseDouble(m.getOrDefault("--wait", "60")), Double.parseDouble(m.getOrDefault("--ramp", "500")),
          src == null ? null : InetAddress.getByName(src), Long.parseLong(m.getOrDefault("--sample-ms", "250")),
          Double.parseDouble(m.getOrDefault("--timeout-slack", "60")));
    }
  }

  private static final Pattern ERROR_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"error\"");
  private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Za-z_]+)\"");

  private final Options opt;
  private final HttpClient client;
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final CountDownLatch finished;
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final LongAdder successes = new LongAdder();
  private final AtomicInteger upgraded = new AtomicInteger();
  private final AtomicInteger stepSentOrFailed = new AtomicInteger();
  private final AtomicInteger steppingNow = new AtomicInteger();
  private final AtomicInteger steppingPeak = new AtomicInteger();
  private final AtomicLong lastUpgradeNanos = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final MetricsSampler sampler;

  WsHold(Options opt) {
    this.opt = opt;
    this.finished = new CountDownLatch(opt.sessions());
    HttpClient.Builder b = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2));
    if (opt.source() != null) {
      b.localAddress(opt.source());
    }
    this.client = b.build();
    this.sampler = new MetricsSampler(opt.url());
  }

  public static void main(String[] args) throws Exception {
    WsHold hold = new WsHold(Options.parse(args));
    System.exit(hold.run() ? 0 : 1);
  }

  boolean run() throws InterruptedException {
    Thread samplerThread = null;
    if (opt.sampleMillis() > 0) {
      samplerThread = Thread.ofPlatform().daemon().start(() -> sampler.loop(opt.sampleMillis()));
    }
    URI ws = URI.create(opt.url().toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws");
    long intervalNanos = (long) (1e9 / opt.rampPerSecond());
    for (int i = 0; i < opt.sessions(); i++) {
      LockSupport.parkNanos(startNanos + i * intervalNanos - System.nanoTime());
      new Session(ws).start();
    }
    long boundSeconds = (long) (opt.sessions() / opt.rampPerSecond() + opt.waitSeconds() + 2 * opt.timeoutSlackSeconds());
    boolean allEnded = finished.await(boundSeconds, TimeUnit.SECONDS);
    if (samplerThread != null) {
      samplerThread.interrupt();
    }
    report(allEnded);
    return allEnded && successes.sum() == opt.sessions();
  }

  private void report(boolean allEnded) {
    double openSeconds = (lastUpgradeNanos.get() - startNanos) / 1e9;
    StringBuilder out = new StringBuilder();
    out.append("sessions=").append(opt.sessions()).append('\n');
    out.append("successes=").append(successes.sum()).append('\n');
    long failed = failures.values().stream().mapToLong(LongAdder::sum).sum();
    out.append("failures=").append(failed).append('\n');
    new TreeMap<>(failures).forEach((cause, n) -> out.append("failure.").append(cause).append('=').append(n.sum()).append('\n'));
    out.append("unfinished=").append(allEnded ? 0 : finished.getCount()).append('\n');
    out.append("upgraded=").append(upgraded.get()).append('\n');
    out.append(String.format("open_seconds=%.2f%n", openSeconds));
    out.append(String.format("open_rate_per_s=%.1f%n", openSeconds > 0 ? upgraded.get() / openSeconds : 0.0));
    out.append("client_peak_stepping=").append(steppingPeak.get()).append('\n');
    if (opt.sampleMillis() > 0) {
      out.append(sampler.summary());
    }
    System.out.print(out);
    System.out.flush();
  }

  private void fail(String cause) {
    failures.computeIfAbsent(cause, k -> new LongAdder()).increment();
  }

  private static String causeOf(Throwable t) {
    while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
        || t instanceof java.util.concurrent.ExecutionException || t.getClass() == IOException.class && t.getMessage() == null)) {
      t = t.getCause();
    }
    return switch (t) {
      case HttpConnectTimeoutException e -> "connect_timeout";
      case HttpTimeoutException e -> "handshake_timeout";
      case WebSocketHandshakeException e -> "handshake_rejected_" + e.getResponse().statusCode();
      case BindException e -> "bind_failed";
      case ConnectException e -> "connect_refused";
      default -> "io_" + t.getClass().getSimpleName();
    };
  }

  private void stepSentOrFailed() {
    if (stepSentOrFailed.incrementAndGet() == opt.sessions()) {
      System.out.printf("event=all-stepping at_s=%.2f client_stepping=%d%n", (System.nanoTime() - startNanos) / 1e9, steppingNow.get());
      System.out.flush();
    }
  }

  /** One virtual user. Callbacks arrive one at a time (the JDK serializes a listener's calls). */
  private final class Session implements WebSocket.Listener {
    private final URI ws;
    private final StringBuilder text = new StringBuilder();
    private final AtomicBoolean ended = new AtomicBoolean();
    private int replies;
    private WebSocket socket;

    Session(URI ws) {
      this.ws = ws;
    }

    void start() {
      long timeoutSeconds = (long) (opt.waitSeconds() + opt.timeoutSlackSeconds());
      timers.schedule(() -> end("reply_timeout"), timeoutSeconds, TimeUnit.SECONDS);
      client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(ws, this)
          .whenComplete((w, failure) -> {
            if (failure != null) {
              end(causeOf(failure));
            }
          });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      socket = webSocket;
      upgraded.incrementAndGet();
      lastUpgradeNanos.accumulateAndGet(System.nanoTime(), Math::max);
      webSocket.sendText("{\"type\":\"reset\",\"data\":{}}", true);
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      webSocket.request(1);
      if (last) {
        String frame = text.toString();
        text.setLength(0);
        onReply(webSocket, frame);
      }
      return null;
    }

    private void onReply(WebSocket webSocket, String frame) {
      if (ERROR_TYPE.matcher(frame).find()) {
        Matcher code = ERROR_CODE.matcher(frame);
        end("error_frame_" + (code.find() ? code.group(1) : "unknown"));
        return;
      }
      replies++;
      if (replies == 1) {
        webSocket.sendText("{\"type\":\"step\",\"data\":{\"wait_seconds\":" + opt.waitSeconds() + "}}", true);
        steppingPeak.accumulateAndGet(steppingNow.incrementAndGet(), Math::max);
        stepSentOrFailed();
      } else if (replies == 2) {
        steppingNow.decrementAndGet();
        end(null);
        webSocket.sendText("{\"type\":\"close\"}", true)
            .thenCompose(w -> w.sendClose(WebSocket.NORMAL_CLOSURE, ""))
            .orTimeout(5, TimeUnit.SECONDS)
            .whenComplete((w, e) -> webSocket.abort());
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      end("closed_early_" + statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      end(causeOf(error));
    }

    /** Records the session's one outcome: success when {@code cause} is null. */
    private void end(String cause) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      if (cause == null) {
        successes.increment();
      } else {
        fail(cause);
        if (replies == 1) {
          steppingNow.decrementAndGet();
        } else if (replies == 0) {
          stepSentOrFailed();
        }
        if (socket != null) {
          socket.abort();
        }
      }
      finished.countDown();
    }
  }

  /** Scrapes {@code openenv_steps_in_flight} per worker pid over fresh connections. */
  static final class MetricsSampler {
    private static final Pattern GAUGE = Pattern.compile("^openenv_steps_in_flight\\{[^}]*pid=\"(\\d+)\"[^}]*\\}\\s+([0-9.eE+-]+)", Pattern.MULTILINE);
    private static final long FRESH_NANOS = 3_000_000_000L;
    private final URI url;
    private final Map<String, long[]> latest = new ConcurrentHashMap<>(); // pid -> {value, nanos}
    private final Map<String, Long> maxPerPid = new ConcurrentHashMap<>();
    private long peakConcurrent;
    private long samples;
    private long sampleErrors;

    MetricsSampler(URI url) {
      this.url = url;
    }

    void loop(long periodMillis) {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          record(scrape());
          samples++;
        } catch (IOException | RuntimeException e) {
          sampleErrors++;
        }
        LockSupport.parkNanos(periodMillis * 1_000_000L);
      }
    }

    private String scrape() throws IOException {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /metrics HTTP/1.1\r\nHost: " + url.getHost() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }

    private synchronized void record(String body) {
      long now = System.nanoTime();
      Matcher m = GAUGE.matcher(body);
      while (m.find()) {
        long value = (long) Double.parseDouble(m.group(2));
        latest.put(m.group(1), new long[] {value, now});
        maxPerPid.merge(m.group(1), value, Math::max);
      }
      boolean allFresh = latest.values().stream().allMatch(v -> now - v[1] <= FRESH_NANOS);
      if (allFresh) {
        peakConcurrent = Math.max(peakConcurrent, latest.values().stream().mapToLong(v -> v[0]).sum());
      }
    }

    synchronized String summary() {
      return "server_peak_steps_in_flight=" + peakConcurrent + '\n'
          + "server_sum_of_max_per_pid=" + maxPerPid.values().stream().mapToLong(Long::longValue).sum() + '\n'
          + "server_max_per_pid=" + new TreeMap<>(maxPerPid) + '\n'
          + "metrics_samples=" + samples + '\n'
          + "metrics_sample_errors=" + sampleErrors + '\n';
    }
  }
}
