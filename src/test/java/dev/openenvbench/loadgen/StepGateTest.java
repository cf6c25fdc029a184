package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepGateTest {
  final List<String> released = new ArrayList<>();

  @Test
  void a_barrier_releases_every_step_when_the_last_session_arrives() {
    StepGate gate = StepGate.barrier(3);
    gate.arrive(() -> released.add("a"));
    gate.arrive(() -> released.add("b"));
    assertThat(released).isEmpty();

    gate.arrive(() -> released.add("c"));

    assertThat(released).containsExactly("a", "b", "c");
  }

  @Test
  void a_session_that_failed_before_reset_does_not_hold_the_others() {
    StepGate gate = StepGate.barrier(3);
    gate.arrive(() -> released.add("a"));
    gate.leave();
    gate.arrive(() -> released.add("c"));

    assertThat(released).containsExactly("a", "c");
  }

  @Test
  void a_paced_barrier_lets_its_steps_go_in_order_at_its_rate() throws Exception {
    // 20 a second: the fifth goes about 0.2 s after the first, none before its time.
    StepGate gate = StepGate.barrier(5, 20);
    List<Long> at = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 5; i++) {
      int k = i;
      gate.arrive(
          () -> {
            at.add(System.nanoTime());
            order.add(k);
          });
    }
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> at.size() == 5);
    assertThat(order).containsExactly(0, 1, 2, 3, 4);
    assertThat(at.get(4) - at.get(0)).isGreaterThanOrEqualTo(190_000_000L);
  }

  @Test
  void stopping_a_paced_barrier_lets_the_rest_go_at_once() throws Exception {
    // One a minute: without releaseAll the last would wait two minutes.
    StepGate gate = StepGate.barrier(3, 1.0 / 60);
    List<String> got = java.util.Collections.synchronizedList(new ArrayList<>());
    gate.arrive(() -> got.add("a"));
    gate.arrive(() -> got.add("b"));
    gate.arrive(() -> got.add("c"));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> got.size() == 1);
    gate.releaseAll();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> got.size() == 3);
    assertThat(got).containsExactly("a", "b", "c");
  }

  @Test
  void auto_paces_at_its_rate_or_within_a_quarter_of_the_wait() {
    Connection auto = Connection.DEFAULT;
    // 19,000 over 10 s: 10,000 a second (1.9 s, under a quarter of the wait).
    assertThat(auto.releasePerSecond(19_000, 1, 10)).isEqualTo(10_000);
    // Three processes share the rate.
    assertThat(auto.releasePerSecond(6_000, 3, 10))
        .isCloseTo(3_333.3, org.assertj.core.data.Offset.offset(0.1));
    // 19,000 over 1 s: all within 0.25 s, faster than 10,000 a second.
    assertThat(auto.releasePerSecond(19_000, 1, 1)).isEqualTo(76_000);
    // No wait, or 0: one burst; a given rate is the cell's, shared.
    assertThat(auto.releasePerSecond(19_000, 1, 0)).isZero();
    assertThat(auto.withReleaseRate(0).releasePerSecond(19_000, 1, 10)).isZero();
    assertThat(auto.withReleaseRate(500).releasePerSecond(19_000, 2, 10)).isEqualTo(250);
  }

  @Test
  void an_open_gate_releases_each_arrival_at_once() {
    StepGate gate = StepGate.open();
    gate.arrive(() -> released.add("a"));
    assertThat(released).containsExactly("a");
  }

  @Test
  void a_barriers_closes_wait_for_every_last_reply_or_failure() {
    StepGate gate = StepGate.barrier(3);
    StepGate closes = gate.closes();
    gate.arrive(() -> {});
    gate.arrive(() -> {});
    gate.arrive(() -> {});
    closes.arrive(() -> released.add("a"));
    closes.leave(); // failed during its step
    assertThat(released).isEmpty();

    closes.arrive(() -> released.add("c"));

    assertThat(released).containsExactly("a", "c");
  }

  @Test
  void releasing_a_stopped_cell_releases_its_closes_too() {
    StepGate gate = StepGate.barrier(2);
    gate.closes().arrive(() -> released.add("a"));

    gate.releaseAll();

    assertThat(released).containsExactly("a");
  }

  @Test
  void an_open_gates_closes_are_open() {
    StepGate.open().closes().arrive(() -> released.add("a"));
    assertThat(released).containsExactly("a");
  }
}
