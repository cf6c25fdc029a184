package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The window's turns, without a network: each next() starts one more, and no more than N. */
class OpenWindowTurnsTest {
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
          new OpenWindow(
              sessions,
              i -> {
                started.incrementAndGet();
                window[0].next();
              },
              loop);
      window[0].open(2);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (started.get() < sessions && System.nanoTime() < deadline) Thread.sleep(10);
      assertThat(started.get()).isEqualTo(sessions);
      loop.submit(() -> {}).get(10, TimeUnit.SECONDS); // the last turns, given on, start none
      assertThat(started.get()).isEqualTo(sessions);
    } finally {
      loop.shutdownNow();
    }
  }
}
