package dev.openenvbench.cli;

import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.RunArgs;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What each session does and over which transport: {@code run}'s and {@code capacity}'s shared
 * options, so both commands measure the same session for the same words.
 */
final class SessionShapeOptions {
  @Option(
      names = {"-m", RunArgs.MODE},
      defaultValue = "ws",
      converter = ModeConverter.class,
      paramLabel = "MODE",
      description = "http or ws (also websocket; any case) (default: ${DEFAULT-VALUE}).")
  CellPlan.Mode mode;

  @Option(
      names = "--compare",
      description = "Measure HTTP and WebSocket both, cell by cell (overrides --mode).")
  boolean compare;

  @Option(
      names = {"-w", RunArgs.WAIT},
      defaultValue = "1.0",
      description = "wait_seconds per step (default: ${DEFAULT-VALUE}).")
  double waitSeconds;

  @Option(
      names = "--wait-grid",
      split = ",",
      description = "Comma-separated wait times, e.g. 0.1,1.0 (overrides --wait).")
  List<Double> waitGrid = new ArrayList<>();

  @Option(
      names = RunArgs.STEPS,
      defaultValue = "1",
      description = "Steps per session (default: ${DEFAULT-VALUE}, as the seed).")
  int steps;

  @Option(
      names = RunArgs.RAMP_SECONDS,
      defaultValue = "0",
      description = "Spread session starts over this many seconds (default: ${DEFAULT-VALUE}).")
  double rampSeconds;

  @Option(
      names = RunArgs.BARRIER,
      description = "Hold every session after reset; release all steps together.")
  boolean barrier;

  @Option(
      names = {"-t", RunArgs.TIMEOUT},
      defaultValue = "120",
      description = "Seconds to wait for each reply (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  List<CellPlan.Mode> modes() {
    return compare ? List.of(CellPlan.Mode.HTTP, CellPlan.Mode.WS) : List.of(mode);
  }

  List<Double> waits() {
    return waitGrid.isEmpty() ? List.of(waitSeconds) : waitGrid;
  }
}
