package dev.openenvbench.cli;

import dev.openenvbench.report.HtmlPage;
import dev.openenvbench.report.Table;
import dev.openenvbench.results.OutputWriteException;
import dev.openenvbench.verdict.Compare;
import dev.openenvbench.verdict.CompareTables;
import dev.openenvbench.verdict.FolderComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openenv-bench compare BASE CAND}: did the candidate regress against the base? */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two result folders configuration by configuration (matched on every recorded"
          + " setting): success rate, step-overhead and total p50/p99, max batch, with the change."
          + " A change is a regression only beyond the spread between repetitions (or"
          + " --tolerance); saturated or incomplete cells are flagged, not compared.",
      "When both folders hold a capacity.json, their capacity answers per mode and wait too: a"
          + " drop is a regression only when the candidate failed at an N the base held (and"
          + " beyond --tolerance); a lower bound is flagged, not compared.",
      "Prints a table; with --output also writes compare.md and compare.html."
    })
public final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "BASE",
      description = "The result folder to compare against.")
  Path base;

  @Parameters(index = "1", paramLabel = "CAND", description = "The result folder being judged.")
  Path candidate;

  @Option(
      names = "--tolerance",
      paramLabel = "FRACTION",
      description =
          "Also allow a change of this fraction of the base value (0.1 = 10 %%; also 10%%), and judge"
              + " cells measured once (default: the spread between repetitions only).")
  String tolerance;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Also write compare.md and compare.html here.")
  Path output;

  @Override
  public Integer call() {
    double tol = tolerance();
    FolderComparison c =
        Compare.run(base, candidate, tol, n -> System.err.println("openenv-bench compare: " + n));
    List<Table> tables = CompareTables.of(c);
    String verdict = CompareTables.verdict(c);
    List<String> notes = CompareTables.notes(c);
    PrintWriter out = spec.commandLine().getOut();
    out.println("compare " + base + " (base) → " + candidate + " (candidate)");
    out.println(verdict);
    notes.forEach(n -> out.println("  note: " + n));
    for (Table t : tables) {
      out.println();
      out.println(t.title());
      out.print(t.text());
    }
    out.flush();
    if (output != null) write(verdict, notes, tables);
    return c.regressed() ? ExitCode.REQUIREMENT_FAILED.code() : ExitCode.SUCCESS.code();
  }

  private double tolerance() {
    if (tolerance == null) return Double.NaN;
    String t = tolerance.strip();
    boolean percent = t.endsWith("%");
    try {
      double v = Double.parseDouble(percent ? t.substring(0, t.length() - 1) : t);
      v = percent ? v / 100 : v;
      if (!(v >= 0 && v < 10)) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--tolerance " + tolerance + ": give a fraction of the base value, e.g. 0.1 or 10%");
    }
  }

  private void write(String verdict, List<String> notes, List<Table> tables) {
    StringBuilder md = new StringBuilder("# openenv-bench compare\n\n");
    md.append("Base: `").append(base).append("`, candidate: `").append(candidate).append("`\n\n");
    md.append("**").append(verdict).append("**\n\n");
    notes.forEach(n -> md.append("- ").append(n).append('\n'));
    if (!notes.isEmpty()) md.append('\n');
    tables.forEach(t -> md.append(t.markdown()));
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add("Base: " + base + ", candidate: " + candidate);
    paragraphs.add(verdict);
    paragraphs.addAll(notes);
    String html = HtmlPage.render("openenv-bench compare", paragraphs, tables);
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new OutputWriteException(output, e);
    }
    for (var f : List.of(List.of("compare.md", md.toString()), List.of("compare.html", html))) {
      Path file = output.resolve(f.get(0));
      try {
        Files.writeString(file, f.get(1), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new OutputWriteException(file, e);
      }
      System.err.println("openenv-bench compare: wrote " + file);
    }
  }
}
