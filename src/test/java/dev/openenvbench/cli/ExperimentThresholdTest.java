package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.loadgen.LocalServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study's {@code thresholds:} are checked on each infrastructure's configurations after its grid:
 * one that cannot hold (total p99 under 1 ms with a 0.2 s wait) fails, exit 1, on the console and
 * in the log; one that holds passes. The file's own success criteria (3 × (wait + 0.2 s), over two
 * waits) judge the report, which the seed's defaults would not.
 */
class ExperimentThresholdTest {
  @TempDir Path dir;

  @Test
  void a_failing_threshold_exits_1_and_is_named_on_the_console_and_in_the_log() throws Exception {
    try (LocalServer server = LocalServer.start(Main.childJvm(), 50, 1, false, 60)) {
      Path study =
          ExperimentRunTest.withKeys(
              ExperimentRunTest.write(dir, "ws", "[0.1, 0.2]", "[1, 2]", 1),
              "thresholds:\n  - success_rate>=0.95\n  - total.p99<1ms\n");
      Files.writeString(
          study,
          Files.readString(study)
              .replace("max_latency_multiplier: 2.0", "max_latency_multiplier: 3")
              .replace("overhead_seconds: 0.5", "overhead_seconds: 0.2"));

      Cli.Result r =
          Cli.run(
              "experiment",
              study.toString(),
              "--infrastructure",
              "big",
              "--url",
              server.url(),
              "--warmup",
              "0",
              "--no-progress");

      assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.REQUIREMENT_FAILED.code());
      assertThat(r.out())
          .contains("Pass: success rate ≥ 0.95 and total p99 ≤ 3 × (wait + 0.2 s)")
          .contains("Thresholds: success_rate>=0.95, total.p99<1ms")
          .contains("[big] thresholds: 4 of 8 checks failed")
          .containsPattern("FAIL +ws N=2 wait 0.2 s \\(1 step\\) +total.p99<1ms +total.p99 = ")
          .containsPattern("pass +ws N=1 wait 0.1 s \\(1 step\\) +success_rate>=0.95 ");
      assertThat(r.err()).contains("openenv-bench experiment: a threshold failed on big");
      String log = Files.readString(dir.resolve("reports/EXPERIMENT_LOG.md"));
      assertThat(log)
          .contains("— tiny study 0.1: completed; a threshold failed")
          .contains("- Pass: success rate ≥ 0.95 and total p99 ≤ 3 × (wait + 0.2 s)")
          .contains("- Thresholds [big]: 4 of 8 checks failed")
          .containsPattern("  - FAIL ws N=1 wait 0.1 s \\(1 step\\) `total.p99<1ms`: total.p99 = ")
          .doesNotContain("`success_rate>=0.95`");
      String today = LocalDate.now(ZoneOffset.UTC).toString();
      assertThat(Files.readString(dir.resolve("reports").resolve(today).resolve("report.md")))
          .contains("total p99 ≤ 3 × (wait + 0.2 s) (--latency-multiplier, --overhead-seconds)");
    }
  }
}
