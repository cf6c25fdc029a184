package dev.openenvbench.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openenvbench.verdict.Threshold.Comparison;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --threshold} expressions: what each valid one means, and what each bad one is told. */
class ThresholdParseTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # expression                | metric            | op | bound   | per N
          success_rate>=0.99          | success_rate      | GE | 0.99    | false
          success_rate >= 99%         | success_rate      | GE | 0.99    | false
          step_overhead.p99<250ms     | step_overhead.p99 | LT | 0.25    | false
          total.p99<2s                | total.p99         | LT | 2       | false
          connect.p95<500ms           | connect.p95       | LT | 0.5     | false
          reset.p50<=900us            | reset.p50         | LE | 0.0009  | false
          TOTAL.P99<2s                | total.p99         | LT | 2       | false
          unique_hosts>=2             | unique_hosts      | GE | 2       | false
          peak_concurrency>=0.99*N    | peak_concurrency  | GE | 0.99    | true
          peak_concurrency >= N       | peak_concurrency  | GE | 1       | true
          unique_sessions==N*1        | unique_sessions   | EQ | 1       | true
          harness_saturated==false    | harness_saturated | EQ | 0       | false
          harness_saturated!=true     | harness_saturated | NE | 1       | false
          """)
  void a_valid_expression_means(
      String text, String metric, Comparison op, double bound, boolean perN) {
    Threshold t = Threshold.parse(text);

    assertThat(t.metric().name()).isEqualTo(metric);
    assertThat(t.comparison()).isEqualTo(op);
    assertThat(t.bound()).isCloseTo(bound, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(t.perN()).isEqualTo(perN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # expression               | the one-line error
          total.p99<2                | --threshold 'total.p99<2': total.p99 is a time: give a number and a unit (us, ms, s), e.g. total.p99<250ms
          total.p99<2h               | --threshold 'total.p99<2h': unknown unit h (valid: us, ms, s)
          total.p99<fast             | --threshold 'total.p99<fast': total.p99 is a time: give a number and a unit (us, ms, s), e.g. total.p99<250ms
          success_rate>=1.5          | --threshold 'success_rate>=1.5': success_rate is a fraction 0..1; 1.5 is more than all of it
          success_rate>=high         | --threshold 'success_rate>=high': success_rate is a fraction: give 0..1 or a percentage, e.g. 0.99 or 99%
          peak_concurrency>=0.99*M   | --threshold 'peak_concurrency>=0.99*M': peak_concurrency is a number: give a number or a multiple of N, e.g. 2 or 0.99*N
          harness_saturated<true     | --threshold 'harness_saturated<true': harness_saturated is true or false: compare it with == or !=
          harness_saturated==no      | --threshold 'harness_saturated==no': harness_saturated is true or false, not no
          total.p99                  | --threshold 'total.p99': not METRIC OP VALUE (OP one of <, <=, >, >=, ==, !=), e.g. total.p99<2s
          total.p99=<2s              | --threshold 'total.p99=<2s': not METRIC OP VALUE (OP one of <, <=, >, >=, ==, !=), e.g. total.p99<2s
          """)
  void a_bad_expression_is_one_line_saying_what_is_valid(String text, String error) {
    assertThatThrownBy(() -> Threshold.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(error);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"totl.p99<2s, totl.p99", "p99<2s, p99", "latency<1s, latency"})
  void an_unknown_metric_lists_every_valid_name(String text, String name) {
    assertThatThrownBy(() -> Threshold.parse(text))
        .hasMessageStartingWith("--threshold '" + text + "': unknown metric " + name + "; valid: ")
        .hasMessageContaining(
            "success_rate, connect.p50, connect.p95, connect.p99, tcp_connect.p50")
        .hasMessageContaining("step_overhead.p99")
        .hasMessageEndingWith("requests_per_second, harness_saturated")
        .message()
        .doesNotContain("\n");
  }

  @org.junit.jupiter.api.Test
  void the_first_bad_expression_of_several_is_named() {
    assertThatThrownBy(() -> Thresholds.parse(List.of("total.p99<2s", "total.p99<2", "x>1")))
        .hasMessageStartingWith("--threshold 'total.p99<2':");
  }
}
