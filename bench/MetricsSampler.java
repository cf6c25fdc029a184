import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrapes the server's {@code openenv_steps_in_flight} gauge per worker pid, each time over a
 * fresh TCP connection: with SO_REUSEPORT workers the kernel hands each connection to one worker,
 * so successive samples land on random workers.
 *
 * <p>Aggregation: after every sample, if every pid seen so far has a sample younger than 3 s, the
 * sum of each pid's latest value is a candidate for the peak. So the peak is a sum of values that
 * were all true within the same 3 s, not a sum of maxima taken at different times (that sum is
 * reported too, as {@code server_sum_of_max_per_pid}). Runs on its own thread; {@link
 * #summary()} may be called from any thread.
 */
final class MetricsSampler {
  private static final Pattern GAUGE =
      Pattern.compile("^openenv_steps_in_flight\\{[^}]*pid=\"(\\d+)\"[^}]*\\}\\s+([0-9.eE+-]+)", Pattern.MULTILINE);
  private static final long FRESH_NANOS = 3_000_000_000L;

  private record Sample(long value, long atNanos) {}

  private final URI url;
  private final Map<String, Sample> latest = new HashMap<>();
  private final Map<String, Long> maxPerPid = new TreeMap<>();
  private long peakConcurrent;
  private long samples;
  private long sampleErrors;

  MetricsSampler(URI url) {
    this.url = url;
  }

  /** Samples every {@code periodMillis} until the thread is interrupted. */
  void loop(long periodMillis) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        record(scrape(), System.nanoTime());
      } catch (IOException | RuntimeException e) {
        synchronized (this) {
          sampleErrors++;
        }
      }
      LockSupport.parkNanos(periodMillis * 1_000_000L);
    }
  }

  private String scrape() throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      String request = "GET /metrics HTTP/1.1\r\nHost: " + url.getHost() + "\r\nConnection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  synchronized void record(String body, long nowNanos) {
    Matcher m = GAUGE.matcher(body);
    boolean any = false;
    while (m.find()) {
      long value = (long) Double.parseDouble(m.group(2));
      latest.put(m.group(1), new Sample(value, nowNanos));
      maxPerPid.merge(m.group(1), value, Math::max);
      any = true;
    }
    if (!any) {
      sampleErrors++;
      return;
    }
    samples++;
    if (latest.values().stream().allMatch(s -> nowNanos - s.atNanos() <= FRESH_NANOS)) {
      peakConcurrent = Math.max(peakConcurrent, latest.values().stream().mapToLong(Sample::value).sum());
    }
  }

  synchronized String summary() {
    return "server_peak_steps_in_flight=" + peakConcurrent + '\n'
        + "server_sum_of_max_per_pid=" + maxPerPid.values().stream().mapToLong(Long::longValue).sum() + '\n'
        + "server_max_per_pid=" + maxPerPid + '\n'
        + "metrics_samples=" + samples + '\n'
        + "metrics_sample_errors=" + sampleErrors + '\n';
  }
}
