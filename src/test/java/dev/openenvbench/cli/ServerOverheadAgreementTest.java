package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.RawJsonlReader;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's step figure against the server's own: {@code run} drives a real {@code serve} over
 * loopback and the server's {@code openenv_step_overhead_seconds} histogram (read before and after)
 * must describe the same steps. The server's interval (frame arrived → reply written, less the
 * wait) lies inside the harness's (frame sent → reply read, less the wait), so per step the
 * server's overhead can only be smaller, step by step and so bucket by bucket; what lies between is
 * the network and client share, which this test measures and prints. One step per session, so that
 * the harness's {@code step_overhead} is one step's. Nothing here is a timing threshold: a server
 * figure that forgot to subtract the wait, or counted other replies, or none, fails.
 */
class ServerOverheadAgreementTest {
  private static final Pattern BUCKET =
      Pattern.compile("openenv_step_overhead_seconds_bucket\\{[^}]*le=\"([^\"]+)\"} (\\S+)");
  private static final Pattern SUM =
      Pattern.compile("openenv_step_overhead_seconds_sum\\{[^}]*} (\\S+)");
  private static final Pattern COUNT =
      Pattern.compile("openenv_step_overhead_seconds_count\\{[^}]*} (\\S+)");

  /** One scrape of the overhead histogram: cumulative bucket counts, sum and count. */
  record Scrape(List<double[]> buckets, double sum, double count) {
    static Scrape of(String text) {
      List<double[]> buckets = new ArrayList<>();
      Matcher b = BUCKET.matcher(text);
      while (b.find()) {
        double le =
            b.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(b.group(1));
        buckets.add(new double[] {le, Double.parseDouble(b.group(2))});
      }
      Matcher s = SUM.matcher(text);
      Matcher c = COUNT.matcher(text);
      assertThat(s.find() && c.find()).as("overhead histogram on /metrics").isTrue();
      return new Scrape(buckets, Double.parseDouble(s.group(1)), Double.parseDouble(c.group(1)));
    }

    /** The upper bound of the bucket holding the q-quantile of the steps between two scrapes. */
    static double quantileBound(Scrape before, Scrape after, double q) {
      double total = after.count - before.count;
      for (int i = 0; i < after.buckets.size(); i++) {
        double inBucketOrBelow = after.buckets.get(i)[1] - before.buckets.get(i)[1];
        if (inBucketOrBelow >= q * total) {
          return after.buckets.get(i)[0];
        }
      }
      return Double.POSITIVE_INFINITY;
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void the_servers_step_overhead_lies_within_the_harness_step_overhead(@TempDir Path out)
      throws Exception {
    int sessions = 50;
    double wait = 0.05;
    Cli.Result run;
    Scrape before;
    Scrape after;
    try (BenchServer server = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100))) {
      before = Scrape.of(scrape(server.url()));
      run =
          Cli.run(
              "run",
              "--url",
              server.url(),
              "-n",
              Integer.toString(sessions),
              "-w",
              Double.toString(wait),
              "--warmup",
              "0",
              "--no-progress",
              "-o",
              out.toString());
      after = Scrape.of(scrape(server.url()));
    }
    assertThat(run.exit()).as(run.err()).isZero();

    List<Double> harness = new ArrayList<>();
    RawJsonlReader.forEach(
        out.resolve("raw.jsonl"), r -> harness.add(r.get(RawFields.STEP_OVERHEAD)));
    assertThat(harness).hasSize(sessions).doesNotContainNull();
    // run's pre-flight steps one unrecorded session of the same shape first.
    double serverCount = after.count() - before.count();
    assertThat(serverCount)
        .as("one server figure per step, pre-flight's included")
        .isEqualTo(sessions + 1);

    // Each step's server interval lies inside its harness interval, so at every bucket bound at
    // least as many server figures lie below it as harness figures (the extra pre-flight figure
    // can only add). A server figure that kept the wait in, or timed from later than arrival to
    // later than the write, would lie above the harness's and fail here.
    Collections.sort(harness);
    for (int i = 0; i < after.buckets().size(); i++) {
      double le = after.buckets().get(i)[0];
      double server = after.buckets().get(i)[1] - before.buckets().get(i)[1];
      long harnessBelow = harness.stream().filter(h -> h <= le).count();
      assertThat(server)
          .as("server steps with overhead <= %s s", le)
          .isGreaterThanOrEqualTo(harnessBelow);
    }
    double harnessMedian = harness.get(harness.size() / 2);
    double serverMedianBound = Scrape.quantileBound(before, after, 0.5);
    double harnessMean = harness.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double serverMean = (after.sum() - before.sum()) / serverCount;
    System.out.printf(
        "step overhead on loopback: harness median %.3f ms, server median <= %.3f ms; means"
            + " %.3f ms vs %.3f ms (pre-flight step included): network and client share %.3f ms%n",
        harnessMedian * 1e3,
        serverMedianBound * 1e3,
        harnessMean * 1e3,
        serverMean * 1e3,
        (harnessMean - serverMean) * 1e3);
  }

  private static String scrape(String url) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}
