package dev.openenvbench.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.capacity.Probe.Stage;
import dev.openenvbench.loadgen.CellPlan;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * When an answer is a lower bound: the harness's self-monitor samples, so a run at the failing N
 * can miss the lag that another run of that N, or a larger N, saw. (CI once had every probe from 12
 * up saturated but the one failed confirm run of 12, and called 11 the server's answer.)
 */
class CapacityResultTest {
  private static Probe probe(Stage stage, int n, int rep, boolean passed, boolean saturated) {
    return new Probe(
        stage,
        n,
        rep,
        "r/" + n + "/" + rep,
        passed,
        passed ? null : "latency_slo",
        passed ? List.of() : List.of("total p99 0.700 s > 0.600 s"),
        1,
        passed ? 0.5 : 0.7,
        0.01,
        0.01,
        0.4,
        0.2,
        n,
        n / 2.0,
        true,
        saturated,
        saturated ? 40 : 5,
        new TreeMap<>(),
        0,
        -1,
        -1,
        1,
        0.7,
        Double.NaN,
        ServerCores.UNKNOWN);
  }

  /** Runs a search over a server passing up to 11; {@code saturated} says per probe. */
  private static CapacityResult search(IntPredicate passes, Saturation saturated) {
    CapacitySearch s = new CapacitySearch(1, 4, 32, 0.05, 1, 1);
    for (int i = 0; i < 100 && !s.done(); i++) {
      Stage stage = s.stage();
      int n = s.next();
      boolean passed = passes.test(n);
      s.record(probe(stage, n, s.repetitionOf(n), passed, saturated.at(stage, n, passed)));
    }
    assertThat(s.done()).isTrue();
    return CapacityResult.of(
        new CapacitySchedule.Search(CellPlan.Mode.WS, 0.2, s, List.of()), null);
  }

  private interface Saturation {
    boolean at(Stage stage, int n, boolean passed);
  }

  @Test
  void aSaturatedRunAboveTheFailingNMakesALowerBoundEvenWhenTheFailingRunMissedIt() {
    // The confirm run of 12 fails unsaturated; 13, 14 and 16 failed with the harness saturated.
    CapacityResult r = search(n -> n <= 11, (stage, n, passed) -> n > 12 || (n == 12 && passed));
    assertThat(r.failAt()).as(r.sentence()).isGreaterThan(r.capacity());
    assertThat(r.lowerBound()).as(r.sentence()).isTrue();
    assertThat(r.sentence()).contains("LOWER BOUND", "at or above the failing N");
  }

  @Test
  void saturationOnlyBelowTheFailingNLeavesTheAnswerStanding() {
    CapacityResult r = search(n -> n <= 11, (stage, n, passed) -> n <= 11);
    assertThat(r.failAt()).isEqualTo(12);
    assertThat(r.lowerBound()).as(r.sentence()).isFalse();
    assertThat(r.sentence()).doesNotContain("LOWER BOUND");
  }

  @Test
  void aSaturatedFailureAtTheFailingNIsALowerBound() {
    CapacityResult r = search(n -> n <= 11, (stage, n, passed) -> n == 12 && !passed);
    assertThat(r.failAt()).isEqualTo(12);
    assertThat(r.lowerBound()).isTrue();
  }
}
