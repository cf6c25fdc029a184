package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.OpenLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The open-loop schedule driven by a fake clock: which session starts when, which waits for a slot
 * and starts late, which is dropped. Times in milliseconds of the fake clock, cell start at 1000
 * ms.
 */
class OpenLoopStarterTest {
  private static final long MS = 1_000_000;
  private static final long CELL_START = 1000 * MS;

  /** A clock the test moves by hand. */
  private static final class FakeClock implements NanoClock {
    long now = CELL_START;

    @Override
    public long nanoTime() {
      return now;
    }
  }

  /** A session the starter started: its index, intended and actual start (ms after the start). */
  record Start(int index, long intendedMs, long actualMs) {}

  private final FakeClock clock = new FakeClock();
  private final List<Start> starts = new ArrayList<>();

  private OpenLoopStarter starter(double rate, double seconds, int maxInFlight) {
    OpenLoop schedule = new OpenLoop(rate, seconds, false, 1, maxInFlight);
    return new OpenLoopStarter(
        clock,
        new ArrivalTimes(schedule),
        CELL_START,
        seconds,
        maxInFlight,
        (i, intended) ->
            starts.add(new Start(i, (intended - CELL_START) / MS, (clock.now - CELL_START) / MS)));
  }

  private long at(long ms, OpenLoopStarter s) {
    clock.now = CELL_START + ms * MS;
    return s.tick();
  }

  @Test
  void constant_rate_starts_one_session_every_period_on_time() {
    OpenLoopStarter s = starter(10, 0.5, 100); // every 100 ms: at 0, 100, 200, 300, 400

    assertThat(at(0, s)).as("wakes at the next arrival").isEqualTo(100 * MS);
    assertThat(at(100, s)).isEqualTo(100 * MS);
    assertThat(at(250, s)).as("late wake-up: 300 is next").isEqualTo(50 * MS);
    assertThat(at(400, s)).as("last arrival: wake at the window's end").isEqualTo(100 * MS);
    assertThat(at(500, s)).as("window closed").isEqualTo(-1);

    assertThat(starts)
        .containsExactly(
            new Start(0, 0, 0),
            new Start(1, 100, 100),
            new Start(2, 200, 250), // the tick came 50 ms late: so did the session
            new Start(3, 300, 400),
            new Start(4, 400, 400));
    assertThat(s.scheduled()).isEqualTo(5);
    assertThat(s.dropped()).isZero();
  }

  @Test
  void an_arrival_beyond_the_bound_waits_for_a_slot_and_starts_late() {
    OpenLoopStarter s = starter(10, 0.5, 1);

    at(0, s); // session 0 runs
    at(100, s); // arrival at 100 finds the only slot taken: it waits
    at(200, s); // so does the one at 200
    clock.now = CELL_START + 230 * MS;
    s.finished(); // session 0 ends at 230: the arrival of 100 starts now, 130 ms late
    at(300, s);
    clock.now = CELL_START + 310 * MS;
    s.finished(); // the 200 arrival starts at 310

    assertThat(starts)
        .containsExactly(new Start(0, 0, 0), new Start(1, 100, 230), new Start(2, 200, 310));
  }

  @Test
  void arrivals_still_waiting_when_the_window_closes_are_dropped() {
    OpenLoopStarter s = starter(10, 0.5, 1);

    for (long ms = 0; ms <= 400; ms += 100) at(ms, s); // session 0 never finishes
    assertThat(at(500, s)).isEqualTo(-1);
    s.finished(); // a slot after the window starts nothing

    assertThat(starts).containsExactly(new Start(0, 0, 0));
    assertThat(s.scheduled()).isEqualTo(5);
    assertThat(s.started()).isEqualTo(1);
    assertThat(s.dropped()).isEqualTo(4);
  }

  @Test
  void closing_early_drops_the_waiting_and_starts_no_more() {
    OpenLoopStarter s = starter(10, 0.5, 1);
    at(0, s);
    at(100, s);
    s.close(); // the run was stopped

    assertThat(at(200, s)).isEqualTo(-1);
    assertThat(starts).hasSize(1);
    assertThat(s.dropped()).isEqualTo(1);
  }

  @Test
  void constant_arrivals_fill_the_window_and_stop_before_its_end() {
    // rate × window arrivals, the first at 0: as many as OpenLoop.plannedSessions says.
    record Case(double rate, double seconds, int expected, String meaning) {}
    for (Case c :
        List.of(
            new Case(10, 0.5, 5, "0, 100, ..., 400 ms"),
            new Case(0.5, 3, 2, "0 and 2 s; 4 s is past the window"),
            new Case(3, 1, 3, "0, 333, 667 ms"),
            new Case(1000, 2, 2000, "a high rate"))) {
      ArrivalTimes times = new ArrivalTimes(new OpenLoop(c.rate, c.seconds, false, 1, 1));
      int n = 0;
      for (long t = times.next(); t != ArrivalTimes.NONE; t = times.next()) n++;
      assertThat(n).as(c.meaning).isEqualTo(c.expected);
      assertThat(new OpenLoop(c.rate, c.seconds, false, 1, 1).plannedSessions())
          .as(c.meaning)
          .isEqualTo(c.expected);
    }
  }

  @Test
  void poisson_arrivals_are_seeded_and_average_the_rate() {
    List<Long> a = poisson(7);
    assertThat(poisson(7)).as("the same seed, the same times").isEqualTo(a);
    assertThat(poisson(8)).as("another seed, other times").isNotEqualTo(a);
    // 100/s for 100 s: 10,000 expected, standard deviation 100; 5 sigma either side.
    assertThat(a.size()).isBetween(9_500, 10_500);
    assertThat(a).isSorted();
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < a.size(); i++) gaps.add(a.get(i) - a.get(i - 1));
    // Exponential gaps: about 37% (1/e) are longer than the mean of 10 ms, unlike even spacing.
    long longer = gaps.stream().filter(g -> g > 10 * MS).count();
    assertThat((double) longer / gaps.size()).isBetween(0.33, 0.41);
  }

  @Test
  void segments_of_a_schedule_take_every_kth_arrival_and_together_make_the_whole() {
    for (boolean poisson : List.of(false, true)) {
      OpenLoop schedule = new OpenLoop(50, 20, poisson, 11, 1);
      List<Long> whole = times(new ArrivalTimes(schedule));
      int k = 3;
      List<Long> union = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        List<Long> mine = times(new ArrivalTimes(schedule, new Segment(i, k)));
        for (int n = 0; n < mine.size(); n++) {
          assertThat(mine.get(n))
              .as("segment %d's arrival %d is arrival %d of the whole", i, n, i + n * k)
              .isEqualTo(whole.get(i + n * k));
        }
        union.addAll(mine);
      }
      assertThat(union)
          .as(poisson ? "poisson" : "constant")
          .containsExactlyInAnyOrderElementsOf(whole);
    }
  }

  private static List<Long> times(ArrivalTimes times) {
    List<Long> out = new ArrayList<>();
    for (long t = times.next(); t != ArrivalTimes.NONE; t = times.next()) out.add(t);
    return out;
  }

  private static List<Long> poisson(long seed) {
    ArrivalTimes times = new ArrivalTimes(new OpenLoop(100, 100, true, seed, 1));
    List<Long> out = new ArrayList<>();
    for (long t = times.next(); t != ArrivalTimes.NONE; t = times.next()) out.add(t);
    return out;
  }
}
