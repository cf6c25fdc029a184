package dev.openenvbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PeakConcurrencyTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no intervals", new long[] {}, new long[] {}, 0),
        Arguments.of("one interval", new long[] {0}, new long[] {10}, 1),
        Arguments.of("all at once", new long[] {0, 0, 0}, new long[] {5, 5, 5}, 3),
        Arguments.of(
            "back to back do not overlap", new long[] {0, 5, 10}, new long[] {5, 10, 15}, 1),
        Arguments.of("staggered pairs", new long[] {0, 5, 10}, new long[] {10, 15, 20}, 2),
        Arguments.of(
            "one long, many short inside", new long[] {0, 1, 2, 3}, new long[] {100, 2, 3, 4}, 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void peak_is_the_most_intervals_open_at_one_instant(
      String meaning, long[] starts, long[] ends, int peak) {
    assertThat(PeakConcurrency.of(starts, ends, starts.length)).isEqualTo(peak);
  }
}
