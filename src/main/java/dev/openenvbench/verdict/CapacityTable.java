package dev.openenvbench.verdict;

import dev.openenvbench.report.Table;
import dev.openenvbench.results.CapacityFile.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The capacity answers of both folders, side by side, as one table of {@code compare}. */
final class CapacityTable {
  private CapacityTable() {}

  static Table of(List<CapacityChange> changes) {
    List<List<String>> rows = new ArrayList<>();
    for (CapacityChange x : changes) {
      rows.add(
          List.of(
              x.base().mode(),
              Check.number(x.base().waitSeconds()),
              answer(x.base()),
              answer(x.candidate()),
              change(x),
              x.base().limitKind() + " → " + x.candidate().limitKind(),
              lowerBound(x),
              x.verdict()));
    }
    return new Table(
        "compare-capacity",
        "Capacity (capacity search), base → candidate",
        "Each folder's capacity.json answer per mode and wait: the capacity [the N that passed"
            + " every run, the smallest N that failed one]; ≥ marks a lower bound (the harness was"
            + " saturated, or nothing failed), which is flagged and not compared. A drop is a"
            + " regression only when the candidate failed at an N the base held (the brackets do"
            + " not overlap) and, with --tolerance, by more than that share of the base.",
        List.of(
            "mode",
            "wait_s",
            "base",
            "candidate",
            "change",
            "limited_by",
            "lower_bound",
            "verdict"),
        rows);
  }

  /** "96 [96 pass, 99 fail]", "≥ 16 [16 pass, none failed]". */
  private static String answer(Answer a) {
    String pass = a.capacity() > 0 ? a.capacity() + " pass" : "none passed";
    String fail = a.fail() > 0 ? a.fail() + " fail" : "none failed";
    return a.display() + " [" + pass + ", " + fail + "]";
  }

  private static String change(CapacityChange x) {
    int d = x.delta();
    String pct =
        x.base().capacity() > 0
            ? String.format(Locale.ROOT, " (%+.1f %%)", 100.0 * d / x.base().capacity())
            : "";
    String band = x.band() > 0 ? " ±" + Check.number(x.band()) : "";
    return (d >= 0 ? "+" : "") + d + pct + band;
  }

  private static String lowerBound(CapacityChange x) {
    boolean b = x.base().atLeast();
    boolean c = x.candidate().atLeast();
    if (b && c) return "both";
    if (b) return "base";
    return c ? "candidate" : "no";
  }
}
