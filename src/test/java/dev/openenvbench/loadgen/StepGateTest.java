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
