package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The window's turns, without a network: each session that opens or fails starts one more, never
 * more than N; {@code auto} widens while openings stay fast and narrows when they queue.
 */
class OpenWindowTurnsTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void sessions_that_fail_at_once_hand_their_turns_on_without_nesting() throws Exception {
    // Every session "fails" as it starts and gives its turn on from inside its start, as a
    // refused connect does: 200,000 of them one inside the other would overflow any stack.
    int sessions = 200_000;
    AtomicInteger started = new AtomicInteger();
    ExecutorService loop = Executors.newSingleThreadExecutor();
    try {
      OpenWindow[] window = new OpenWindow[1];
      window[0] =
          OpenWindow.fixed(
              sessions,
              2,
              i -> {
                started.incrementAndGet();
                window[0].failed();
              },
              loop);
      window[0].open();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (started.get() < sessions && System.nanoTime() < deadline) Thread.sleep(10);
      assertThat(started.get()).isEqualTo(sessions);
      loop.submit(() -> {}).get(10, TimeUnit.SECONDS); // the last turns, given on, start none
      assertThat(started.get()).isEqualTo(sessions);
    } finally {
      loop.shutdownNow();
    }
  }

  @Test
  void a_fixed_window_keeps_its_width_however_slow_the_openings() {
    List<Integer> started = new ArrayList<>();
    OpenWindow w = OpenWindow.fixed(100, 3, started::add, Runnable::run);
    w.open();
    assertThat(started).containsExactly(0, 1, 2);
    w.opened(500 * MS);
    w.opened(1 * MS);
    assertThat(started).containsExactly(0, 1, 2, 3, 4);
    assertThat(w.width()).isEqualTo(3);
  }

  @Test
  void auto_widens_while_openings_stay_fast() {
    List<Integer> started = new ArrayList<>();
    OpenWindow w = OpenWindow.adaptive(1_000, started::add, Runnable::run);
    w.open();
    assertThat(started).hasSize(OpenWindow.AUTO_START);
    // Each fast opening gives its turn on and widens by one: two more start.
    for (int k = 0; k < 8; k++) w.opened(MS);
    assertThat(w.width()).isEqualTo(OpenWindow.AUTO_START + 8);
    assertThat(started).hasSize(OpenWindow.AUTO_START + 16);
    // Within twice the fastest plus the slack is still fast.
    w.opened(2 * MS + OpenWindow.AUTO_SLACK_NANOS);
    assertThat(w.width()).isEqualTo(OpenWindow.AUTO_START + 9);
  }

  @Test
  void auto_narrows_when_openings_queue_and_never_below_its_start() {
    List<Integer> started = new ArrayList<>();
    OpenWindow w = OpenWindow.adaptive(1_000, started::add, Runnable::run);
    w.open();
    for (int k = 0; k < 8; k++) w.opened(MS); // width 16, 16 opening
    // Queued openings: each narrows by one and starts none until fewer than the width open.
    for (int k = 0; k < 4; k++) w.opened(50 * MS);
    assertThat(w.width()).isEqualTo(OpenWindow.AUTO_START + 4);
    assertThat(started).hasSize(OpenWindow.AUTO_START + 16);
    for (int k = 0; k < 30; k++) w.opened(50 * MS);
    assertThat(w.width()).isEqualTo(OpenWindow.AUTO_START);
    // A failure before opening halves it, down to the start width at least.
    w.failed();
    assertThat(w.width()).isEqualTo(OpenWindow.AUTO_START);
    for (int k = 0; k < 24; k++) w.opened(MS); // width 32
    assertThat(w.width()).isEqualTo(4 * OpenWindow.AUTO_START);
    w.failed();
    assertThat(w.width()).isEqualTo(2 * OpenWindow.AUTO_START);
  }

  @Test
  void a_failure_after_the_turn_halves_auto_and_starts_none() {
    List<Integer> started = new ArrayList<>();
    OpenWindow w = OpenWindow.adaptive(1_000, started::add, Runnable::run);
    w.open();
    for (int k = 0; k < 24; k++) w.opened(MS); // width 32, 32 opening
    int before = started.size();
    // Refused at capacity after its upgrade: its turn went on already, only the width halves.
    w.failedAfterTurn();
    assertThat(w.width()).isEqualTo(2 * OpenWindow.AUTO_START);
    assertThat(started).hasSize(before);
    OpenWindow fixed = OpenWindow.fixed(1_000, 32, i -> {}, Runnable::run);
    fixed.failedAfterTurn();
    assertThat(fixed.width()).isEqualTo(32);
  }

  @Test
  void auto_never_starts_more_than_the_cell_has() {
    List<Integer> started = new ArrayList<>();
    OpenWindow w = OpenWindow.adaptive(5, started::add, Runnable::run);
    w.open();
    assertThat(started).containsExactly(0, 1, 2, 3, 4);
    for (int k = 0; k < 5; k++) w.opened(MS);
    assertThat(started).containsExactly(0, 1, 2, 3, 4);
    assertThat(w.width()).isEqualTo(5);
  }
}
