package dev.openenvbench.experiment;

import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.Connection;
import dev.openenvbench.loadgen.Workload;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
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
    if (f.searches()) {
      search(f, out);
    } else {
      grid(f, out);
    }
    out.println("Pass: " + plan.criteria().describe());
    if (!f.thresholds().isEmpty()) {
      out.println(
          "Thresholds: "
              + String.join(", ", f.thresholds().stream().map(Object::toString).toList())
              + (f.searches()
                  ? " (every probe must meet them; checked on each answer after its search)"
                  : " (checked on each infrastructure's configurations after its grid; exit 1 if"
                      + " one fails)"));
    }
    for (InfraPlan p : plan.infras()) infra(p, plan, cells, deploy, out);
    out.printf(
        Locale.ROOT,
        "Total: %d %s, %d already complete, %d to run; expected duration at least %s (the"
            + " waits and cooldowns; connects, slow servers and timeouts add to it%s)%n",
        plan.totalCells(),
        f.searches() ? "searches" : "cells",
        plan.totalCells() - plan.remainingCells(),
        plan.remainingCells(),
        Durations.of(plan.leastSecondsLeft()),
        f.searches()
            ? "; a search runs as many probes as it needs, one probe per search counted"
            : "");
    out.flush();
  }

  private static void grid(StudyFile f, PrintWriter out) {
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
  }

  /** {@code capacity:} one search per mode × wait instead of the grid's batch sizes. */
  private static void search(StudyFile f, PrintWriter out) {
    StudyFile.Variables v = f.variables();
    CapacitySection c = f.capacity();
    out.printf(
        Locale.ROOT,
        "Capacity search per infrastructure (capacity:, instead of batch_sizes and repetitions):"
            + " modes %s × wait_seconds %s = %d searches; N from %d, doubling up to %d, bisected"
            + " to %s, %d boundary run(s), %d confirm run(s)%s; timeout %s s per reply, cooldown"
            + " %s s between probes%n",
        v.harnessModes().stream().map(CellPlan.Mode::label).toList(),
        v.waitSeconds(),
        v.harnessModes().size() * v.waitSeconds().size(),
        c.start(),
        c.maxSessions(),
        c.resolution(),
        c.boundaryRuns(),
        c.confirmRuns(),
        c.budgetSeconds() > 0
            ? ", at most " + Durations.of(c.budgetSeconds()) + " per infrastructure"
            : "",
        f.execution().timeoutSeconds(),
        f.execution().cooldownSeconds());
    if (c.p99SloSeconds() != null) {
      out.println(
          "Probe latency SLO: p99 ≤ " + c.p99SloSeconds() + " s (capacity.p99_slo_seconds)");
    }
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
    if (p.url() != null && !p.missingVars().isEmpty()) {
      out.println(
          "  headers: need "
              + String.join(", ", p.missingVars().stream().map(n -> "$" + n).toList()));
    }
    Workload w = p.config().workload();
    if (!w.equals(Workload.BENCHMARK)) {
      out.println("  sends:   " + sends(w));
    }
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
    int window = p.config().connection().openWindow();
    if (window > 0) out.println("  opening: at most " + window + " sessions at once (open_window)");
    if (window == 0) out.println("  opening: all at once");
    if (window == Connection.OPEN_WINDOW_AUTO) {
      out.println(
          "  opening: WebSocket cells through a window of their own width (open_window: auto)");
    }
    if (i.notes() != null) out.println("  notes:   " + i.notes().strip().replace("\n", " "));
    List<CellPlan> all = p.cells();
    List<CellPlan> left = p.remaining();
    out.printf(
        Locale.ROOT,
        "  %s%d, %d already complete, %d to run, at least %s%n",
        p.search() != null ? "searches: " : "cells:   ",
        all.size(),
        all.size() - left.size(),
        left.size(),
        Durations.of(plan.leastSeconds(left)));
    if (!cells) return;
    int reps = plan.file().execution().repetitions();
    if (p.search() != null) {
      for (CellPlan c : all) {
        out.printf(
            Locale.ROOT,
            "    %-4s wait=%-6s search N %d..%d  %s%n",
            c.mode().label(),
            c.waitSeconds(),
            p.search().startSessions(),
            p.search().maxSessions(),
            p.searched() ? "answered in capacity.json" : "to run");
      }
      return;
    }
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

  /**
   * What the sessions send, in the manifest's own words (header values redacted), leaving out what
   * is unset or the benchmark's default.
   */
  private static String sends(Workload w) {
    List<String> parts = new ArrayList<>();
    w.describe()
        .forEach(
            (k, v) -> {
              boolean unset =
                  v == null
                      || Boolean.FALSE.equals(v)
                      || (v instanceof Collection<?> c && c.isEmpty())
                      || (k.equals("think_seconds") && w.think().none())
                      || (k.equals("seed") && w.think().none());
              if (!unset) parts.add(k + "=" + v);
            });
    return String.join(", ", parts);
  }
}
