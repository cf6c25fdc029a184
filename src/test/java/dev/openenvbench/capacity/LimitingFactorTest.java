package dev.openenvbench.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.capacity.LimitingFactor.Kind;
import dev.openenvbench.capacity.Probe.Stage;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which factor a probe that broke the latency SLO names, from the server's CPU and steps in flight:
 * the cores busy are its CPU seconds over the probe's wall time (here 2 s).
 */
class LimitingFactorTest {
  /** A probe at wait 0.2 s whose total p99 was 2 s: step 1.9 s, connect and reset fast. */
  private static Probe failedOnLatency(int n, double cpuSeconds, int cores, double inFlight) {
    return new Probe(
        Stage.GROW,
        n,
        1,
        "r/" + n,
        false,
        "latency_slo",
        List.of("total p99 2.000 s > 1.400 s"),
        1,
        2.0,
        0.01,
        0.01,
        1.9,
        1.7,
        n,
        inFlight,
        true,
        false,
        1,
        new TreeMap<>(),
        0,
        -1,
        -1,
        1,
        2.0,
        cpuSeconds,
        cores == 0 ? ServerCores.UNKNOWN : new ServerCores(cores, ServerCores.SERVER));
  }

  /** A smaller N that had as many steps in flight: what makes a plateau a hidden limiter. */
  private static final Probe SMALLER = failedOnLatency(16, Double.NaN, 0, 10);

  @ParameterizedTest(name = "{3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "3.8 | 2 | 60 | all 2 cores busy: the server's CPU | server_cpu | 1.9 of 2 cores busy",
        "1.8 | 1 | 60 | 0.9 of 1 core counts as all of it | server_cpu | 0.9 of 1 core busy",
        "1.0 | 2 | 60 | half the cores: the latency SLO, CPU said | latency_slo | server CPU 0.5 of 2",
        "NaN | 0 | 60 | no CPU reported: the latency SLO | latency_slo | step p99 1.900 s",
        "3.8 | 2 | 10 | a plateau on busy cores: the CPU, not a pool | server_cpu | 1.9 of 2 cores",
        "1.0 | 2 | 10 | a plateau on idle cores: a hidden limiter | hidden_limiter | CPU 0.5 of 2 cores"
      })
  void aLatencyFailureNamesTheServersCpuOnlyWhenItsCoresWereBusy(
      double cpuSeconds, int cores, double inFlight, String meaning, String kind, String text) {
    Probe p = failedOnLatency(64, cpuSeconds, cores, inFlight);
    LimitingFactor f = LimitingFactor.of(List.of(p), List.of(SMALLER, p), 0.2);
    assertThat(f.kind().label()).isEqualTo(kind);
    assertThat(f.text()).contains(text);
    // Whichever is named, the latency figures and the server's CPU stay in the evidence.
    assertThat(f.evidence()).containsEntry("step_p99", 1.9).containsEntry("total_p99", 2.0);
    if (cores > 0) {
      assertThat(f.evidence())
          .containsEntry("server_cores", cores)
          .containsEntry("server_cores_busy", cpuSeconds / 2.0)
          .containsEntry("server_cores_source", ServerCores.SERVER);
    }
    if (f.kind() == Kind.SERVER_CPU) assertThat(f.phase()).isEqualTo("step");
  }
}
