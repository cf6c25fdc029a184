package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the harness calls a cell its own bottleneck, and when a short cell is not one. */
class SelfMonitorTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          an event loop 25 ms late: saturated, whatever the cell's length | 25  | 0.01 | 0   | 0.1 | true
          a quiet cell                                                    | 1   | 0.1  | 0   | 10  | false
          90% of both cores for 10 s                                     | 1   | 18   | 0   | 10  | true
          a JIT burst in a 0.16 s cell of two sessions (was flagged)     | 2.7 | 0.29 | 0   | 0.16| false
          one 34 ms young GC in a 0.3 s cell (was flagged)               | 8.5 | 0.2  | 34  | 0.3 | false
          GC 600 ms of a 10 s cell                                       | 5   | 2    | 600 | 10  | true
          GC 15 ms of a 0.2 s cell: short, and below the lag limit       | 5   | 0.1  | 15  | 0.2 | false
          """)
  void saturation(
      String meaning, double lagMs, double cpuSeconds, double gcMs, double wall, boolean expected) {
    assertThat(SelfMonitor.saturated(lagMs, cpuSeconds, gcMs, wall, 2)).isEqualTo(expected);
  }
}
