import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Load generator that holds WebSocket sessions sleeping in {@code step}. JDK only; run with
 * {@code java bench/WsHold.java --url http://127.0.0.1:PORT -n 9500 --wait 60 --ramp 500}
 * (the source launcher, JDK 22+, compiles the sibling files WsLoop, WsConn, WsFrames, MetricsSampler too).
 *
 * <p>Each virtual user (see {@link WsLoop} for the state machine): connect {@code /ws} ─▶ reset
 * ─▶ reply ─▶ step(wait) ─▶ reply ─▶ {@code {"type":"close"}} ─▶ close. It succeeds when neither
 * reply is an error frame; any other end is one failure, counted by cause.
 *
 * <p>Output on stdout, one {@code key=value} per line: {@code event=all-stepping} once every
 * session has sent its step or failed (scripts wait for it to measure the plateau), then the
 * totals. With {@code --sample-ms > 0} it also samples the server's own {@code
 * openenv_steps_in_flight} gauge ({@link MetricsSampler}). Exit 0 only if every session succeeded.
 */
public final class WsHold {
  /** Command line; times in seconds, rates per second. */
  record Options(URI url, int sessions, double waitSeconds, double rampPerSecond, InetAddress source,
      long sampleMillis, double timeoutSlackSeconds, double connectTimeoutSeconds) {
    static final String USAGE = "usage: java bench/WsHold.java --url http://HOST:PORT [-n 100] [--wait 60]"
        + " [--ramp 500 (connects/s)] [--source-address 127.0.0.2] [--sample-ms 250 (0 = off)] [--timeout-slack 60] [--connect-timeout 60]";

    static Options parse(String[] args) throws IOException {
      Map<String, String> m = new HashMap<>();
      for (int i = 0; i + 1 < args.length; i += 2) {
        m.put(args[i], args[i + 1]);
      }
      if (args.length % 2 != 0 || !m.containsKey("--url")) {
        throw new IllegalArgumentException(USAGE);
      }
      String src = m.get("--source-address");
      return new Options(
          URI.create(m.get("--url")),
          Integer.parseInt(m.getOrDefault("-n", "100")),
          Double.parseDouble(m.getOrDefault("--wait", "60")),
          Double.parseDouble(m.getOrDefault("--ramp", "500")),
          src == null ? null : InetAddress.getByName(src),
          Long.parseLong(m.getOrDefault("--sample-ms", "250")),
          Double.parseDouble(m.getOrDefault("--timeout-slack", "60")),
          Double.parseDouble(m.getOrDefault("--connect-timeout", "60")));
    }
  }

  /** Counts kept by the (single) loop thread; read once the loop has ended. */
  static final class Tally {
    final Map<String, Long> failures = new TreeMap<>();
    long successes;
    long upgraded;
    long firstConnectNanos;
    long lastUpgradeNanos;
    int steppingNow;
    int steppingPeak;
    int stepSentOrFailed;
    long maxLoopStallNanos;

    void fail(String cause) {
      failures.merge(cause, 1L, Long::sum);
    }
  }

  public static void main(String[] args) throws Exception {
    Options opt = Options.parse(args);
    MetricsSampler sampler = new MetricsSampler(opt.url());
    Thread samplerThread = null;
    if (opt.sampleMillis() > 0) {
      samplerThread = Thread.ofPlatform().daemon().name("metrics").start(() -> sampler.loop(opt.sampleMillis()));
    }
    Tally tally = new Tally();
    long boundNanos = (long) ((opt.sessions() / opt.rampPerSecond() + opt.waitSeconds() + 2 * opt.timeoutSlackSeconds() + opt.connectTimeoutSeconds()) * 1e9);
    int unfinished = new WsLoop(opt, tally).run(System.nanoTime() + boundNanos);
    if (samplerThread != null) {
      samplerThread.interrupt();
    }
    System.out.print(report(opt, tally, unfinished) + (opt.sampleMillis() > 0 ? sampler.summary() : ""));
    System.out.flush();
    System.exit(unfinished == 0 && tally.successes == opt.sessions() ? 0 : 1);
  }

  static String report(Options opt, Tally t, int unfinished) {
    double openSeconds = (t.lastUpgradeNanos - t.firstConnectNanos) / 1e9;
    StringBuilder out = new StringBuilder();
    out.append("sessions=").append(opt.sessions()).append('\n');
    out.append("successes=").append(t.successes).append('\n');
    out.append("failures=").append(t.failures.values().stream().mapToLong(Long::longValue).sum()).append('\n');
    t.failures.forEach((cause, n) -> out.append("failure.").append(cause).append('=').append(n).append('\n'));
    out.append("unfinished=").append(unfinished).append('\n');
    out.append("upgraded=").append(t.upgraded).append('\n');
    out.append(String.format("open_seconds=%.2f%n", openSeconds));
    out.append(String.format("open_rate_per_s=%.1f%n", openSeconds > 0 ? t.upgraded / openSeconds : 0.0));
    out.append("client_peak_stepping=").append(t.steppingPeak).append('\n');
    out.append(String.format("client_max_loop_stall_ms=%.1f%n", t.maxLoopStallNanos / 1e6));
    return out.toString();
  }
}
