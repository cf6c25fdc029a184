package dev.openenvbench.cli;

import dev.openenvbench.merge.MergeService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openenv-bench merge DIR... -o OUT}: one run's segments back into one result folder. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merge the segment folders of one run (run --segment I/K on K machines, same --run-id) into"
          + " one result folder, exactly: every session row, summary rows from the union of the"
          + " rows (histograms added, pids/sessions/hosts unioned, wall time and peak concurrency"
          + " over one timeline), histograms. Segments are matched on their run manifests;"
          + " folders of different runs or configurations are refused, naming what differs.",
      "A segment that is missing or was cut short makes its cells incomplete (exit 3), named on"
          + " the console and in OUT's manifest (merged_from), with the sessions they lack."
    })
public final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "DIR",
      description = "The segment folders (each a run --segment --output-dir).")
  List<Path> dirs = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT",
      description = "The folder to write the merged files to (appended to, as run does).")
  Path output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    MergeService.Outcome o =
        new MergeService(out, n -> System.err.println("openenv-bench merge: " + n))
            .merge(dirs, output);
    List<ExitCode> applicable = new ArrayList<>();
    for (String p : o.problems()) System.err.println("openenv-bench merge: " + p);
    if (!o.complete()) applicable.add(ExitCode.ABORTED);
    if (!o.cells().isEmpty() && o.cells().stream().allMatch(c -> c.successful() == 0)) {
      System.err.println("openenv-bench merge: no session of the run succeeded");
      applicable.add(ExitCode.NOTHING_WORKED);
    }
    System.err.println(
        "openenv-bench merge: run "
            + o.runId()
            + " merged into "
            + output
            + " ("
            + o.cells().size()
            + " cell(s)"
            + (o.complete() ? "" : ", " + o.problems().size() + " problem(s) above")
            + "; runs/"
            + o.runId()
            + "/manifest.json says where each came from)");
    return ExitCode.winner(applicable).code();
  }
}
