package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.Phase;
import dev.openenvbench.results.Stat;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryRecord;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code run --threshold}: checked before any load (a typo is exit 2, nothing recorded), checked
 * after the run on the rows report reads (a failure is exit 1), and written as JUnit XML that an
 * XML parser reads back as one test case per configuration × threshold.
 */
class RunThresholdTest {
  private static BenchServer server;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private Cli.Result run(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--url",
                server.url(),
                "--requests-grid",
                "2,4",
                "-w",
                "0.05",
                "--reps",
                "2",
                "--warmup",
                "0",
                "--no-progress",
                "-o",
                dir.resolve("results").toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void a_mistyped_threshold_is_exit_2_before_any_load() {
    Cli.Result o = run("--threshold", "success_rate>=0.99", "--threshold", "totl.p99<2s");

    assertThat(o.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(o.err().strip().lines())
        .singleElement()
        .asString()
        .startsWith(
            "error: --threshold 'totl.p99<2s': unknown metric totl.p99; valid: success_rate,")
        .contains("total.p99", "peak_concurrency", "harness_saturated");
    assertThat(dir.resolve("results")).doesNotExist();
  }

  @Test
  void thresholds_that_hold_exit_0() {
    Cli.Result o =
        run(
            "--threshold",
            "success_rate>=0.99",
            "--threshold",
            "total.p99<5s",
            "--threshold",
            "unique_sessions==N");

    assertThat(o.exit()).as(o.err()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(o.out()).contains("thresholds: all 6 checks passed");
  }

  @Test
  void a_failing_threshold_is_exit_1_with_the_measured_value_in_the_junit_failure()
      throws Exception {
    Path junit = dir.resolve("ci/thresholds.xml");

    Cli.Result o =
        run(
            "--threshold",
            "success_rate>=0.99",
            "--threshold",
            "step.p99<1ms",
            "--junit",
            junit.toString());

    assertThat(o.exit()).as(o.err()).isEqualTo(ExitCode.REQUIREMENT_FAILED.code());
    assertThat(o.out()).contains("thresholds: 2 of 4 checks failed");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    Element suites = doc.getDocumentElement();
    assertThat(suites.getTagName()).isEqualTo("testsuites");
    Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("4");
    assertThat(suite.getAttribute("failures")).isEqualTo("2");
    NodeList cases = suite.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(4);
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      NodeList f = c.getElementsByTagName("failure");
      if (f.getLength() == 0) {
        assertThat(c.getAttribute("name")).isEqualTo("success_rate>=0.99");
        continue;
      }
      assertThat(c.getAttribute("name")).isEqualTo("step.p99<1ms");
      String message = ((Element) f.item(0)).getAttribute("message");
      failed.add(c.getAttribute("classname") + ": " + message);
    }
    // The measured value in each failure is the worst repetition's step_p99 in summary.csv, the
    // number report shows.
    List<SummaryRecord> rows = SummaryCsvReader.read(dir.resolve("results/summary.csv")).rows();
    List<String> expected = new ArrayList<>();
    for (int n : List.of(2, 4)) {
      double worst =
          rows.stream()
              .filter(r -> r.numRequests() == n)
              .mapToDouble(r -> r.number(SummaryColumns.stat(Phase.STEP, Stat.P99)))
              .max()
              .orElseThrow();
      expected.add(
          "ws N="
              + n
              + " wait 0.05 s (1 step): step.p99 = "
              + java.math.BigDecimal.valueOf(Math.round(worst * 1e6) / 1e3)
                  .stripTrailingZeros()
                  .toPlainString()
              + " ms, not < 1 ms");
    }
    assertThat(failed).containsExactlyElementsOf(expected);
    assertThat(Files.readString(junit)).startsWith("<?xml");
  }

  @Test
  void junit_without_a_threshold_is_a_bad_argument() {
    Cli.Result o = run("--junit", dir.resolve("x.xml").toString());

    assertThat(o.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(o.err()).contains("--junit needs at least one --threshold");
  }
}
