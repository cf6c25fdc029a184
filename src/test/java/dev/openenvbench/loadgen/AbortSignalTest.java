package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A cell's signal: stopped alone by its deadline, stopped with the run by anything else. */
class AbortSignalTest {
  @Test
  void a_cell_stopped_at_its_deadline_leaves_the_run_going() {
    AbortSignal run = new AbortSignal();
    AbortSignal cell = run.cellScope();

    cell.stopCell("the cell's deadline passed");

    assertThat(cell.triggered()).isTrue();
    assertThat(cell.reason()).isEqualTo("the cell's deadline passed");
    assertThat(run.triggered()).isFalse();
    assertThat(run.cellScope().triggered()).as("the next cell's signal").isFalse();
  }

  @Test
  void what_else_stops_a_cell_stops_the_run_and_the_runs_reason_wins() {
    AbortSignal run = new AbortSignal();
    AbortSignal cell = run.cellScope();

    cell.trigger("the server went away");
    cell.stopCell("the cell's deadline passed");

    assertThat(run.reason()).isEqualTo("the server went away");
    assertThat(cell.reason()).isEqualTo("the server went away");
  }

  @Test
  void a_run_aborted_from_outside_stops_its_running_cell() {
    AbortSignal run = new AbortSignal();
    AbortSignal cell = run.cellScope();

    run.trigger("interrupted");

    assertThat(cell.triggered()).isTrue();
    assertThat(cell.reason()).isEqualTo("interrupted");
  }
}
