package dev.openenvbench.cli;

import dev.openenvbench.loadgen.Arrivals;
import dev.openenvbench.loadgen.RunArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * When sessions start: {@code run}'s open-loop options. Without {@code --arrival-rate} a cell is a
 * batch of N sessions started together (the seed's way). {@code capacity} searches over batch sizes
 * and refuses them.
 */
final class ArrivalOptions {
  static final String ARRIVAL_RATE = RunArgs.ARRIVAL_RATE;
  static final int DEFAULT_MAX_IN_FLIGHT = 1000;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = ARRIVAL_RATE,
      split = ",",
      paramLabel = "PER_SECOND",
      description =
          "Open loop: start sessions on a schedule of this many per second instead of as a batch"
              + " (comma-separated rates: one cell each). Latencies are then measured from each"
              + " session's intended start, and also from its actual start (uncorrected). run"
              + " only.")
  List<Double> rates = new ArrayList<>();

  @Option(
      names = RunArgs.DURATION,
      paramLabel = "SECONDS",
      description = "With --arrival-rate: how long sessions keep arriving in each cell.")
  Double durationSeconds;

  @Option(
      names = RunArgs.POISSON,
      description =
          "With --arrival-rate: exponential gaps between arrivals (a Poisson process) instead of"
              + " even spacing.")
  boolean poisson;

  @Option(
      names = RunArgs.MAX_IN_FLIGHT,
      paramLabel = "M",
      description =
          "With --arrival-rate: at most M sessions at once; an arrival beyond it waits for a free"
              + " slot (counted late, its wait in its latencies), and is dropped if still waiting"
              + " when the window closes (default: "
              + DEFAULT_MAX_IN_FLIGHT
              + ").")
  Integer maxInFlight;

  /**
   * The open-loop settings, or null for batches.
   *
   * @param seed the run's {@code --seed} (declared once, with the think time's): it draws the gaps
   *     of {@code --poisson} arrivals
   * @throws IllegalArgumentException an option needs another, or a batch option was given too
   */
  Arrivals arrivals(long seed) {
    if (rates.isEmpty()) {
      if (durationSeconds != null || poisson || maxInFlight != null) {
        throw new IllegalArgumentException(
            "--duration, --poisson and --max-in-flight shape an open loop: they need "
                + ARRIVAL_RATE);
      }
      return null;
    }
    var parsed = mixee.commandLine().getParseResult();
    if (Stream.of("--requests", "--requests-grid").anyMatch(parsed::hasMatchedOption)) {
      throw new IllegalArgumentException(
          ARRIVAL_RATE
              + " sets when sessions start, so a cell has no batch size: drop -n/--requests-grid");
    }
    if (durationSeconds == null) {
      throw new IllegalArgumentException(
          ARRIVAL_RATE + " needs --duration SECONDS: how long sessions keep arriving");
    }
    return new Arrivals(
        rates,
        durationSeconds,
        poisson,
        seed,
        maxInFlight == null ? DEFAULT_MAX_IN_FLIGHT : maxInFlight);
  }

  /** For a command whose cells are batches by design ({@code capacity}): none of these apply. */
  void refuse(String command) {
    if (!rates.isEmpty() || durationSeconds != null || poisson || maxInFlight != null) {
      throw new IllegalArgumentException(
          command
              + " searches over batch sizes; open-loop arrivals ("
              + ARRIVAL_RATE
              + ", --duration, --poisson, --max-in-flight) are run's");
    }
  }
}
