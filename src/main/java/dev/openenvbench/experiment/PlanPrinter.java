package dev.openenvbench.experiment;

import dev.openenvbench.loadgen.CellPlan;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plan as people read it: per infrastructure its URL, folder, deployment (shown, run only with
 * {@code --deploy}), grid, and how much of it is done; with {@code --dry-run} also every cell.
 */
final class PlanPrinter {
  private PlanPrinter() {}

  static void print(StudyPlan plan, boolean cells, boolean deploy, PrintWriter out) {
    StudyFile f = plan.file();
    StudyFile.Experiment e = f.experiment();
    out.printf(
        Locale.ROOT,
        "Study: %s%s%n",
        e.name(),
        e.version() == null ? "" : " (version " + e.version() + ")");
    StudyFile.Variables v = f.variables();
    StudyFile.Execution x = f.execution();
    out.printf(
        Locale.ROOT,
        "Grid per infrastructure: modes %s × wait_seconds %s × batch_sizes %s × %d repetition(s)"
            + " = %d cells; timeout %s s per reply, cooldown %s s between cells%n",
        v.harnessModes().stream().map(CellPlan.Mode::label).toList(),
        v.waitSeconds(),
        v.batchSizes(),
        x.repetitions(),
        v.harnessModes().size() * v.waitSeconds().size() * v.batchSizes().size() * x.repetitions(),
        x.timeoutSeconds(),
        x.cooldownSeconds());
    out.println("Pass: " + plan.criteria().describe());
    for (InfraPlan p : plan.infras()) infra(p, plan, cells, deploy, out);
    out.printf(
        Locale.ROOT,
        "Total: %d cells, %d already complete, %d to run; expected duration at least %s (the"
            + " waits and cooldowns; connects, slow servers and timeouts add to it)%n",
        plan.totalCells(),
        plan.totalCells() - plan.remainingCells(),
        plan.remainingCells(),
        Durations.of(plan.leastSecondsLeft()));
    out.flush();
  }

  private static void infra(
      InfraPlan p, StudyPlan plan, boolean cells, boolean deploy, PrintWriter out) {
    StudyFile.Infrastructure i = p.infra();
    out.printf(Locale.ROOT, "%n[%s] %s%n", i.id(), i.displayName());
    out.println(
        "  url:     "
            + (p.url() != null
                ? p.url()
                : i.urlTemplate()
                    + "  (needs "
                    + String.join(", ", p.missingVars().stream().map(n -> "$" + n).toList())
                    + ", or --url "
                    + i.id()
                    + "=URL)"));
    out.println("  results: " + p.folder() + (p.continues() ? "  (continued)" : ""));
    if (i.deployScript() != null) {
      out.println(
          "  deploy:  "
              + i.deployScript()
              + (deploy ? "  (run before the grid)" : "  (not run; --deploy runs it)"));
    }
    if (!i.envVars().isEmpty()) out.println("  env:     " + envLine(i.envVars()));
    if (i.maxExpectedBatch() != null) {
      out.println("  max expected batch: " + i.maxExpectedBatch() + " (the file's; not a cap)");
    }
    if (i.cores() != null) out.println("  cores:   " + i.cores());
    if (i.notes() != null) out.println("  notes:   " + i.notes().strip().replace("\n", " "));
    List<CellPlan> all = p.cells();
    List<CellPlan> left = p.remaining();
    out.printf(
        Locale.ROOT,
        "  cells:   %d, %d already complete, %d to run, at least %s%n",
        all.size(),
        all.size() - left.size(),
        left.size(),
        Durations.of(plan.leastSeconds(left)));
    if (!cells) return;
    int reps = plan.file().execution().repetitions();
    for (CellPlan c : all) {
      out.printf(
          Locale.ROOT,
          "    %-4s N=%-6d wait=%-6s rep %d/%d  %s%n",
          c.mode().label(),
          c.numRequests(),
          c.waitSeconds(),
          c.repetition(),
          reps,
          p.resume().completed(c) ? "complete" : "to run");
    }
  }

  /** {@code NAME=value ...}; a value whose name says it is a secret is never printed. */
  static String envLine(Map<String, String> env) {
    return String.join(
        " ",
        env.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + "=" + (secret(e.getKey()) ? "<redacted>" : e.getValue()))
            .toList());
  }

  private static boolean secret(String name) {
    return name.toUpperCase(Locale.ROOT).matches(".*(TOKEN|SECRET|PASSWORD|KEY).*");
  }
}
