package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code --think-seconds}: its two spellings, its bounds, and draws that depend on the seed only.
 */
class ThinkTimeTest {
  @Test
  void parses_seconds_and_ranges_and_refuses_the_rest_in_one_line() {
    assertThat(ThinkTime.parse("2.5")).isEqualTo(new ThinkTime(2.5, 2.5));
    assertThat(ThinkTime.parse("1..4")).isEqualTo(new ThinkTime(1, 4));
    assertThat(ThinkTime.parse("0")).isEqualTo(ThinkTime.NONE);
    assertThat(ThinkTime.parse("1..4").format()).isEqualTo("1.0..4.0");
    for (String bad : new String[] {"x", "1..", "..2", "4..1", "-1", "1..2..3", "NaN"}) {
      assertThatThrownBy(() -> ThinkTime.parse(bad))
          .as(bad)
          .hasMessageContaining("--think-seconds");
    }
  }

  @Test
  void a_fixed_pause_is_exact_and_none_is_zero() {
    assertThat(new ThinkTime(0.5, 0.5).nanos(1, 7, 3)).isEqualTo(500_000_000L);
    assertThat(ThinkTime.NONE.nanos(1, 7, 3)).isZero();
  }

  @Test
  void a_range_draws_within_it_the_same_for_the_same_seed_session_and_step() {
    ThinkTime t = new ThinkTime(1, 3);
    Set<Long> draws = new HashSet<>();
    for (int id = 0; id < 100; id++) {
      for (int step = 0; step < 5; step++) {
        long n = t.nanos(42, id, step);
        assertThat(n).isBetween(1_000_000_000L, 3_000_000_000L);
        assertThat(t.nanos(42, id, step)).isEqualTo(n);
        draws.add(n);
      }
    }
    assertThat(draws).as("500 draws, (nearly) all different").hasSizeGreaterThan(490);
    assertThat(t.nanos(43, 0, 0)).as("another seed, another draw").isNotEqualTo(t.nanos(42, 0, 0));
    double mean = draws.stream().mapToLong(Long::longValue).average().orElseThrow() / 1e9;
    assertThat(mean).as("uniform: the middle on average").isBetween(1.85, 2.15);
  }
}
