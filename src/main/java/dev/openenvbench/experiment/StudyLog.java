package dev.openenvbench.experiment;

import dev.openenvbench.capacity.CapacityResult;
import dev.openenvbench.report.Table;
import dev.openenvbench.results.OutputWriteException;
import dev.openenvbench.results.RunManifest;
import dev.openenvbench.verdict.Check;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The study's log ({@code output.log_file}, the seed's {@code
 * experiments/reports/EXPERIMENT_LOG.md}): one Markdown entry appended per invocation, whether it
 * completed or stopped. The seed's own entry format is not published, so this one is ours: a
 * heading with the time, study and outcome; the command, tool and criteria; a table of
 * infrastructures (URL, folder, cells, outcome); the report's folder and its max-batch table.
 * Entries are only ever appended.
 */
final class StudyLog {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private StudyLog() {}

  static Path append(Path log, String entry) {
    try {
      if (log.toAbsolutePath().getParent() != null) {
        Files.createDirectories(log.toAbsolutePath().getParent());
      }
      boolean fresh = !Files.exists(log) || Files.size(log) == 0;
      String text = (fresh ? "# Experiment log\n\n" : "\n") + entry;
      Files.writeString(
          log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return log;
    } catch (IOException e) {
      throw new OutputWriteException(log, e);
    }
  }

  static String entry(
      StudyOutcome o, String commandLine, Instant at, Optional<Table> maxBatch, String reportNote) {
    StudyFile f = o.plan().file();
    StringBuilder b = new StringBuilder();
    b.append("## ")
        .append(MINUTE.format(at))
        .append(" — ")
        .append(f.experiment().name())
        .append(f.experiment().version() == null ? "" : " " + f.experiment().version())
        .append(": ")
        .append(verdict(o))
        .append("\n\n");
    RunManifest.Tool tool = RunManifest.Tool.current();
    b.append("- Command: `").append(commandLine).append("`\n");
    b.append("- Tool: ")
        .append(tool.name())
        .append(' ')
        .append(tool.version())
        .append(" (commit ")
        .append(tool.commit())
        .append(")\n");
    b.append("- Pass: ").append(o.plan().criteria().describe()).append("\n");
    o.problems().forEach(p -> b.append("- Problem: ").append(oneLine(p)).append('\n'));
    b.append('\n');
    b.append(
        "| infrastructure | url | results | cells | complete before | completed now |"
            + " max expected batch | outcome |\n");
    b.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (StudyOutcome.InfraOutcome i : o.infras()) {
      InfraPlan p = i.plan();
      b.append("| ")
          .append(cell(p.infra().id() + " (" + p.infra().displayName() + ")"))
          .append(" | ")
          .append(cell(p.url() == null ? p.infra().urlTemplate() : p.url()))
          .append(" | ")
          .append(cell(p.folder().toString()))
          .append(" | ")
          .append(p.cells().size())
          .append(" | ")
          .append(i.completeBefore())
          .append(" | ")
          .append(i.completedNow())
          .append(" | ")
          .append(p.infra().maxExpectedBatch() == null ? "" : p.infra().maxExpectedBatch())
          .append(" | ")
          .append(cell(i.outcome()))
          .append(" |\n");
    }
    b.append('\n');
    for (StudyOutcome.InfraOutcome i : o.infras()) answers(i, b);
    b.append(reportNote).append("\n\n");
    maxBatch.ifPresent(t -> b.append(t.markdown().replaceFirst("^### ", "#### ")));
    return b.toString();
  }

  /** An infrastructure's capacity answers and threshold checks, a line each, failures named. */
  private static void answers(StudyOutcome.InfraOutcome i, StringBuilder b) {
    String id = i.plan().infra().id();
    int start = b.length();
    for (CapacityResult a : i.answers()) {
      b.append("- Capacity [").append(id).append("]: ").append(oneLine(a.sentence())).append('\n');
    }
    if (!i.checks().isEmpty()) checks(id, i.checks(), b);
    if (b.length() > start) b.append('\n');
  }

  private static void checks(String id, List<Check> checks, StringBuilder b) {
    long failed = checks.stream().filter(c -> !c.passed()).count();
    b.append("- Thresholds [")
        .append(id)
        .append("]: ")
        .append(
            failed == 0
                ? "all " + checks.size() + " checks passed"
                : failed + " of " + checks.size() + " checks failed")
        .append('\n');
    for (Check c : checks) {
      if (c.passed()) continue;
      b.append("  - FAIL ")
          .append(c.where())
          .append(" `")
          .append(c.threshold())
          .append("`: ")
          .append(c.outcome())
          .append('\n');
    }
  }

  private static String verdict(StudyOutcome o) {
    if (o.abortReason() != null) {
      return "stopped (" + o.abortReason() + "); the same command continues it";
    }
    if (!o.problems().isEmpty()) return "completed with problems";
    return o.requirementFailed() ? "completed; a threshold failed" : "completed";
  }

  private static String cell(String s) {
    return oneLine(s).replace("|", "\\|");
  }

  private static String oneLine(String s) {
    return s.strip().replaceAll("\\s*\\n\\s*", "; ");
  }
}
