package dev.openenvbench.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.capacity.Probe.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The search's moves, against a pretend server whose probes pass up to a true capacity. */
class CapacitySearchTest {
  private static Probe probe(Stage stage, int n, int rep, boolean passed) {
    return new Probe(
        stage,
        n,
        rep,
        "r/" + n,
        passed,
        passed ? null : "success_rate",
        List.of(),
        1,
        0,
        0,
        0,
        0,
        0,
        n,
        n,
        true,
        false,
        0,
        new TreeMap<>(),
        0,
        -1,
        -1,
        0,
        1,
        Double.NaN,
        ServerCores.UNKNOWN);
  }

  /** Runs the search to its end; returns the N probed, in order. */
  private static List<Integer> search(CapacitySearch s, IntPredicate passes) {
    List<Integer> probed = new ArrayList<>();
    for (int i = 0; i < 200 && !s.done(); i++) {
      int n = s.next();
      probed.add(n);
      s.record(probe(s.stage(), n, s.repetitionOf(n), passes.test(n)));
    }
    assertThat(s.done()).as("the search ends").isTrue();
    return probed;
  }

  @ParameterizedTest(name = "true capacity {0}: bracket within 5 %")
  @CsvSource({
    "100", // between two doublings
    "8", // the start itself
    "1", // only one session passes
    "777",
    "19999" // just below --max-sessions
  })
  void findsTheCapacityToTheResolution(int truth) {
    CapacitySearch s = new CapacitySearch(1, 8, 20_000, 0.05, 2, 2);
    search(s, n -> n <= truth);
    assertThat(s.lo()).isLessThanOrEqualTo(truth);
    assertThat(s.hi()).isGreaterThan(truth);
    assertThat(s.hi() - s.lo()).isLessThanOrEqualTo(Math.max(1, (int) (0.05 * s.lo())));
  }

  @Test
  void nothingFailingEndsAtMaxSessionsAfterRepeatingIt() {
    CapacitySearch s = new CapacitySearch(1, 8, 100, 0.05, 2, 1);
    List<Integer> probed = search(s, n -> true);
    assertThat(probed).containsExactly(8, 16, 32, 64, 100, 100, 100);
    assertThat(s.lo()).isEqualTo(100);
    assertThat(s.hi()).isZero();
  }

  @Test
  void evenOneSessionFailingIsCapacityZero() {
    CapacitySearch s = new CapacitySearch(1, 8, 100, 0.05, 2, 1);
    assertThat(search(s, n -> false)).containsExactly(8, 4, 2, 1);
    assertThat(s.lo()).isZero();
    assertThat(s.hi()).isEqualTo(1);
  }

  @Test
  void anAnswerThatFailsItsConfirmRunIsSearchedAgainBelow() {
    CapacitySearch s = new CapacitySearch(1, 8, 1000, 0.05, 1, 1);
    int[] runsOf100 = {0};
    // 100 passes its first run and fails the second (the confirm run): 100 is not the capacity.
    search(s, n -> n < 100 || (n == 100 && runsOf100[0]++ == 0));
    assertThat(s.lo()).isLessThan(100);
    assertThat(s.hi()).isEqualTo(100);
  }

  @Test
  void boundaryAndConfirmRunsAreCountedAsRepetitions() {
    CapacitySearch s = new CapacitySearch(1, 10, 10_000, 0.05, 2, 2);
    search(s, n -> n <= 100);
    List<Probe> atCapacity = s.probes().stream().filter(p -> p.n() == s.lo()).toList();
    assertThat(atCapacity).extracting(Probe::repetition).containsExactly(1, 2, 3, 4);
    assertThat(atCapacity)
        .extracting(Probe::stage)
        .containsExactly(Stage.BISECT, Stage.BOUNDARY, Stage.CONFIRM, Stage.CONFIRM);
  }
}
