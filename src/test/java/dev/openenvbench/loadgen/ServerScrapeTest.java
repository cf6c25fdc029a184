package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.ServerSide;
import dev.openenvbench.server.ServerMetrics;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Prometheus text lines {@code run} reads, and the bucket arithmetic over two scrapes. */
class ServerScrapeTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "openenv_steps_total{pid=\"7\"} 12.0 | openenv_steps_total | pid=7 | 12.0",
        "process_cpu_seconds_total 3.5 | process_cpu_seconds_total | '' | 3.5",
        "x_bucket{pid=\"7\",le=\"+Inf\"} 4 1700000000000 | x_bucket | le=+Inf;pid=7 | 4.0",
        "x{a=\"q\\\"u,o}te\",b=\"\"} -Inf | x | a=q\"u,o}te;b= | -Infinity",
        "x{le=\"1.0E-5\"} 0.0 | x | le=1.0E-5 | 0.0",
        "'  y   2  ' | y | '' | 2.0",
        "# TYPE x histogram | null | null | null",
        "'' | null | null | null",
        "x{le=\"1\" 3 | null | null | null",
        "x{le=1} 3 | null | null | null",
        "x | null | null | null",
        "x{} notanumber | null | null | null",
      })
  void a_sample_line_parses_to_its_name_labels_and_value(
      String line, String name, String labels, Double value) {
    ServerScrape.Sample s = ServerScrape.Sample.parse(line.strip());
    if (name == null) {
      assertThat(s).isNull();
      return;
    }
    assertThat(s.name()).isEqualTo(name);
    assertThat(
            new java.util.TreeMap<>(s.labels())
                .entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .reduce((a, b) -> a + ";" + b)
                    .orElse(""))
        .isEqualTo(labels);
    assertThat(s.value()).isEqualTo(value);
  }

  @Test
  void our_servers_own_scrape_reads_to_its_pid_and_every_bucket() {
    ServerMetrics m = new ServerMetrics();
    ServerScrape s = ServerScrape.parse(m.scrape());
    assertThat(s).isNotNull();
    assertThat(s.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(s.bounds()).hasSize(23).endsWith(Double.POSITIVE_INFINITY).startsWith(1e-5);
    assertThat(s.cumulative()).containsOnly(0.0);
    assertThat(s.cpuSeconds()).isPositive();
    assertThat(s.cpuCount())
        .as("the cores this JVM may use")
        .isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void a_page_without_the_overhead_histogram_is_no_scrape() {
    assertThat(ServerScrape.parse("process_cpu_seconds_total 3.0\n")).isNull();
    assertThat(ServerScrape.parse("<html>not found</html>")).isNull();
  }

  private static ServerScrape scrape(long pid, double cpu, double... cumulative) {
    return new ServerScrape(
        pid, new double[] {0.001, 0.01, Double.POSITIVE_INFINITY}, cumulative, cpu, 2);
  }

  @Test
  void two_workers_buckets_subtract_per_worker_and_add_up() {
    Map<Long, ServerScrape> before =
        Map.of(1L, scrape(1, 1.0, 5, 5, 5), 2L, scrape(2, 2.0, 0, 1, 1));
    // worker 1: 10 new steps <= 1 ms; worker 2: 89 new in (1, 10] ms, 1 new above 10 ms.
    Map<Long, ServerScrape> after =
        Map.of(1L, scrape(1, 1.5, 15, 15, 15), 2L, scrape(2, 2.25, 0, 90, 91));
    ServerSide v = ServerSideMetrics.figures(before, after, Set.of(1L, 2L), 2);
    assertThat(v.status()).isEqualTo(ServerSide.COMPLETE);
    assertThat(v.overheadP50()).as("50th of 100 lies in (1, 10] ms").isEqualTo(0.01);
    assertThat(v.overheadP99()).as("99th of 100 is still at most 10 ms").isEqualTo(0.01);
    assertThat(v.cpuSeconds()).isEqualTo(0.75);
  }

  @Test
  void a_worker_of_the_rows_that_did_not_answer_makes_the_figures_partial() {
    Map<Long, ServerScrape> before = Map.of(1L, scrape(1, 1.0, 0, 0, 0));
    Map<Long, ServerScrape> after = Map.of(1L, scrape(1, 2.0, 0, 0, 2));
    ServerSide v = ServerSideMetrics.figures(before, after, Set.of(1L, 2L), 2);
    assertThat(v.status()).isEqualTo(ServerSide.PARTIAL);
    assertThat(v.overheadP50()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(v.cpuSeconds()).isEqualTo(1.0);
  }

  @Test
  void no_steps_between_the_scrapes_is_no_percentile() {
    Map<Long, ServerScrape> before = Map.of(1L, scrape(1, 1.0, 3, 3, 3));
    ServerSide v = ServerSideMetrics.figures(before, before, Set.of(1L), 2);
    assertThat(v.overheadP50()).isNull();
    assertThat(v.overheadP99()).isNull();
    assertThat(v.cpuSeconds()).isEqualTo(0.0);
    assertThat(v.status()).isEqualTo(ServerSide.COMPLETE);
  }
}
