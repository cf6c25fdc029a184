package dev.openenvbench.cli;

import dev.openenvbench.report.ReportConfig;
import dev.openenvbench.report.ReportService;
import dev.openenvbench.results.SeedCriterion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openenv-bench report}: tables and figures from result folders, offline. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Compare result folders (one per infrastructure): max batch, HTTP vs WebSocket, latency at"
          + " max load, batch per core; Markdown + CSV tables, PNG figures, one self-contained"
          + " report.html.",
      "Each folder holds summary.csv (ours or the seed's Python harness's) and usually raw.jsonl."
    })
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FOLDER", description = "Result folders.")
  List<Path> folders;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      defaultValue = "report",
      description = "Where to write the report (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--label",
      paramLabel = "DIR=NAME",
      description = "Name an infrastructure (default: the folder's name).")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(
      names = "--cores",
      paramLabel = "NAME=N",
      description = "Cores of an infrastructure (by label), for the per-core table and figure.")
  Map<String, Integer> cores = new LinkedHashMap<>();

  @Option(
      names = "--success-threshold",
      defaultValue = "0.95",
      paramLabel = "FRACTION",
      description =
          "Minimum mean success rate for a configuration to pass (default: ${DEFAULT-VALUE}).")
  double successThreshold;

  @Option(
      names = "--p99-slo",
      paramLabel = "SECONDS",
      description =
          "Total-latency p99 limit for a configuration to pass (default: 2 × (wait + 0.5 s)).")
  Double p99SloSeconds;

  @Option(
      names = "--latency-multiplier",
      paramLabel = "X",
      description =
          "Total-latency p99 limit per wait = X × (wait + --overhead-seconds) (default: 2, the"
              + " seed's; an experiment file's max_latency_multiplier).")
  Double latencyMultiplier;

  @Option(
      names = "--overhead-seconds",
      paramLabel = "SECONDS",
      description =
          "The overhead in that limit (default: 0.5, the seed's; an experiment file's"
              + " overhead_seconds).")
  Double overheadSeconds;

  @Option(names = "--no-latency-slo", description = "Judge on success rate alone.")
  boolean noLatencySlo;

  @Override
  public Integer call() throws Exception {
    if (p99SloSeconds != null && (latencyMultiplier != null || overheadSeconds != null)) {
      throw new IllegalArgumentException(
          "--p99-slo is one fixed limit: give it, or --latency-multiplier/--overhead-seconds, not"
              + " both");
    }
    SeedCriterion.LatencyLimit perWait =
        new SeedCriterion.LatencyLimit(
            latencyMultiplier == null ? SeedCriterion.LATENCY_MULTIPLIER : latencyMultiplier,
            overheadSeconds == null ? SeedCriterion.OVERHEAD_SECONDS : overheadSeconds);
    ReportConfig config =
        new ReportConfig(
            folders,
            output,
            successThreshold,
            p99SloSeconds == null ? OptionalDouble.empty() : OptionalDouble.of(p99SloSeconds),
            perWait,
            !noLatencySlo,
            labels,
            cores);
    ReportService.Written written = ReportService.run(config);
    written.analysis().inputNotes().forEach(n -> System.err.println("openenv-bench report: " + n));
    PrintWriter out = spec.commandLine().getOut();
    written.files().forEach(out::println);
    out.flush();
    return ExitCode.SUCCESS.code();
  }
}
