package dev.openenvbench.cli;

import static dev.openenvbench.results.SummaryColumns.stat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.Csv;
import dev.openenvbench.results.Field;
import dev.openenvbench.results.FormatFixtures;
import dev.openenvbench.results.FormatVersion;
import dev.openenvbench.results.Phase;
import dev.openenvbench.results.Stat;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvWriter;
import dev.openenvbench.results.SummaryRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare BASE CAND} on fixture folders written with the project's own summary.csv layout: a
 * real regression (exit 1), a change inside the spread between repetitions (exit 0), folders that
 * measured nothing alike (exit 2), one repetition (not judged unless --tolerance), a saturated cell
 * (flagged, not compared).
 */
class CompareCommandTest {
  @TempDir Path dir;

  /** One repetition: ws, 1 s wait, one step, N sessions all successful, total p50 and p99. */
  private static SummaryRecord rep(int n, double wait, int repetition, double p50, double p99) {
    return SummaryRecord.builder()
        .set(SummaryColumns.MODE, "ws")
        .set(SummaryColumns.NUM_REQUESTS, n)
        .set(SummaryColumns.WAIT_SECONDS, wait)
        .set(SummaryColumns.STEPS, 1)
        .set(SummaryColumns.BARRIER, false)
        .set(SummaryColumns.RAMP_SECONDS, 0.0)
        .set(SummaryColumns.REPETITION, repetition)
        .set(SummaryColumns.SUCCESSFUL, n)
        .set(SummaryColumns.FAILED, 0)
        .set(SummaryColumns.HARNESS_SATURATED, false)
        .set(SummaryColumns.INCOMPLETE, false)
        .set(stat(Phase.TOTAL, Stat.P50), p50)
        .set(stat(Phase.TOTAL, Stat.P99), p99)
        .set(stat(Phase.STEP_OVERHEAD, Stat.P50), p50 - wait)
        .set(stat(Phase.STEP_OVERHEAD, Stat.P99), p99 - wait)
        .build();
  }

  /** N=10 and N=100 at wait 1 s, with N=100's total p99 per repetition as given. */
  private Path folder(String name, double... p99AtHundred) throws IOException {
    List<SummaryRecord> rows = new ArrayList<>();
    for (int r = 0; r < p99AtHundred.length; r++) {
      rows.add(rep(10, 1.0, r + 1, 1.010, 1.020 + 0.001 * r));
      rows.add(rep(100, 1.0, r + 1, 1.030, p99AtHundred[r]));
    }
    return write(name, rows);
  }

  private Path write(String name, List<SummaryRecord> rows) throws IOException {
    Path f = Files.createDirectories(dir.resolve(name));
    StringBuilder csv = new StringBuilder(Csv.line(SummaryColumns.names(FormatVersion.CURRENT)));
    rows.forEach(r -> csv.append(Csv.line(SummaryCsvWriter.cells(r))));
    Files.writeString(f.resolve("summary.csv"), csv);
    return f;
  }

  @Test
  void a_rise_beyond_the_spread_between_repetitions_is_a_regression_exit_1() throws IOException {
    Path base = folder("base", 1.10, 1.12, 1.11);
    Path cand = folder("cand", 1.60, 1.62, 1.58);

    Cli.Result o = Cli.run("compare", base.toString(), cand.toString());

    assertThat(o.exit()).as(o.out() + o.err()).isEqualTo(ExitCode.REQUIREMENT_FAILED.code());
    assertThat(o.out())
        .contains("REGRESSION: 1 of 2 configuration(s) regressed beyond the noise band")
        .contains("1.1200 → 1.6200 (+0.5000 ±0.0400)")
        .contains("REGRESSION: step_overhead.p99, total.p99");
    assertThat(o.out().lines().filter(l -> l.startsWith("ws N=10 ")))
        .singleElement()
        .asString()
        .endsWith("ok");
  }

  @Test
  void a_change_inside_the_noise_band_is_not_a_regression_exit_0() throws IOException {
    Path base = folder("base", 1.10, 1.20, 1.15);
    Path cand = folder("cand", 1.18, 1.22, 1.25);

    Cli.Result o = Cli.run("compare", base.toString(), cand.toString());

    assertThat(o.exit()).as(o.out() + o.err()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(o.out())
        .contains("no regression in 2 configuration(s) both folders measured")
        .contains("1.2000 → 1.2500 (+0.0500 ±0.1000)");
  }

  @Test
  void folders_that_measured_nothing_alike_are_refused_exit_2() throws IOException {
    Path base = folder("base", 1.10, 1.12);
    Path other = write("other", List.of(rep(100, 0.1, 1, 0.2, 0.3), rep(100, 0.1, 2, 0.2, 0.31)));

    Cli.Result o = Cli.run("compare", base.toString(), other.toString());

    assertThat(o.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(o.err().strip())
        .isEqualTo(
            "error: the folders measured nothing alike, so there is nothing to compare: "
                + base
                + " has ws, 1 step, wait 1 s, N 10..100; "
                + other
                + " has ws, 1 step, wait 0.1 s, N 100..100");
  }

  @Test
  void a_folder_without_results_is_exit_2() throws IOException {
    Path base = folder("base", 1.10, 1.12);
    Path empty = Files.createDirectories(dir.resolve("empty"));

    Cli.Result o = Cli.run("compare", base.toString(), empty.toString());

    assertThat(o.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(o.err()).contains("no summary.csv in this result folder");
  }

  @Test
  void one_repetition_is_not_judged_unless_a_tolerance_is_given() throws IOException {
    Path base = folder("base", 1.10);
    Path cand = folder("cand", 1.30);

    Cli.Result without = Cli.run("compare", base.toString(), cand.toString());
    Cli.Result with = Cli.run("compare", base.toString(), cand.toString(), "--tolerance", "10%");

    assertThat(without.exit()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(without.out())
        .contains("not judged: one repetition (run --reps 2 or more, or give --tolerance)");
    assertThat(with.exit()).isEqualTo(ExitCode.REQUIREMENT_FAILED.code());
    assertThat(with.out()).contains("1.1000 → 1.3000 (+0.2000 ±0.1100)");
  }

  @Test
  void a_saturated_cell_is_flagged_not_compared() throws IOException {
    Path base = folder("base", 1.10, 1.12);
    List<SummaryRecord> rows = new ArrayList<>();
    for (int r = 1; r <= 2; r++) {
      rows.add(rep(10, 1.0, r, 1.010, 1.020));
      rows.add(saturated(rep(100, 1.0, r, 1.5, 2.5)));
    }
    Path cand = write("cand", rows);

    Cli.Result o = Cli.run("compare", base.toString(), cand.toString());

    assertThat(o.exit()).as(o.out()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(o.out())
        .contains("1 flagged (saturated or incomplete), not compared")
        .contains("not compared: harness saturated in candidate");
  }

  @Test
  void output_writes_markdown_and_html_of_the_same_tables() throws IOException {
    Path base = folder("base", 1.10, 1.12, 1.11);
    Path cand = folder("cand", 1.60, 1.62, 1.58);
    Path out = dir.resolve("cmp");

    Cli.Result o = Cli.run("compare", base.toString(), cand.toString(), "-o", out.toString());

    assertThat(o.exit()).isEqualTo(ExitCode.REQUIREMENT_FAILED.code());
    assertThat(Files.readString(out.resolve("compare.md")))
        .startsWith("# openenv-bench compare")
        .contains("**REGRESSION: 1 of 2", "| ws N=100 wait 1 s (1 step) | 3 / 3 |");
    assertThat(Files.readString(out.resolve("compare.html")))
        .contains("Content-Security-Policy", "<td>ws N=100 wait 1 s (1 step)</td>");
  }

  /**
   * A capacity search's folder: its probes' rows (N = each of {@code probed}, one repetition) and a
   * capacity.json of format 1 with one ws answer at wait 1 s.
   */
  private Path searched(
      String name, int capacity, int fail, String kind, boolean lowerBound, int... probed)
      throws IOException {
    List<SummaryRecord> rows = new ArrayList<>();
    for (int n : probed) rows.add(rep(n, 1.0, 1, 1.01, n < fail || fail == 0 ? 1.1 : 3.5));
    Path f = write(name, rows);
    Files.writeString(
        f.resolve("capacity.json"),
        """
        {"format_version": 1, "run_id": "r1", "stopped": null,
         "criteria": {"success_threshold": 0.95, "p99_slo_seconds": null},
         "searches": [{"mode": "ws", "wait_seconds": 1.0, "capacity": %d,
           "bracket": {"pass": %d, "fail": %s, "resolved": true},
           "limiting_factor": {"kind": "%s", "text": "%s at N=%d"},
           "lower_bound": %b, "confirmed": true}]}
        """
            .formatted(
                capacity, capacity, fail == 0 ? "null" : fail, kind, kind, fail, lowerBound));
    return f;
  }

  @Test
  void a_capacity_that_failed_at_an_n_the_base_held_is_a_regression_exit_1() throws IOException {
    // The searches probed different Ns: their answers, not their rows, are what is alike.
    Path base = searched("base", 96, 99, "session_cap", false, 8, 16, 32, 64, 96, 99, 128);
    Path cand = searched("cand", 60, 64, "latency_slo", false, 12, 24, 48, 60, 64);

    Cli.Result o = Cli.run("compare", base.toString(), cand.toString());

    assertThat(o.exit()).as(o.out() + o.err()).isEqualTo(ExitCode.REQUIREMENT_FAILED.code());
    assertThat(o.out())
        .contains("1 capacity answer(s) fell")
        .contains("Capacity (capacity search), base → candidate")
        .contains("96 [96 pass, 99 fail]", "60 [60 pass, 64 fail]", "-36 (-37.5 %)")
        .contains("session_cap → latency_slo")
        .contains("REGRESSION: the candidate failed at N=64, which the base held in every run");
  }

  @Test
  void a_capacity_drop_inside_the_brackets_is_not_a_regression_exit_0() throws IOException {
    Path base = searched("base", 96, 99, "session_cap", false, 8, 16, 32, 64, 96, 99);
    Path cand = searched("cand", 94, 97, "session_cap", false, 8, 16, 32, 64, 94, 97);

    Cli.Result o = Cli.run("compare", base.toString(), cand.toString());

    assertThat(o.exit()).as(o.out() + o.err()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(o.out())
        .contains("and 1 capacity answer(s) both folders measured")
        .contains("-2 (-2.1 %)", "ok: within the brackets");
  }

  @Test
  void a_lower_bound_is_flagged_not_compared_whatever_it_says() throws IOException {
    Path base = searched("base", 96, 99, "session_cap", false, 8, 16, 32, 64, 96, 99);
    Path cand = searched("cand", 40, 48, "harness", true, 8, 16, 32, 40, 48, 64);
    Path open = searched("open", 16, 0, "max_sessions", false, 8, 16);

    Cli.Result o = Cli.run("compare", base.toString(), cand.toString());
    Cli.Result o2 = Cli.run("compare", open.toString(), base.toString());

    assertThat(o.exit()).as(o.out() + o.err()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(o.out())
        .contains("1 capacity answer(s) a lower bound, not compared")
        .contains("≥ 40 [40 pass, 48 fail]", " candidate  ")
        .contains("not judged: the capacity answer above is (probes are no grid)")
        .contains(
            "not compared: candidate is a lower bound: the harness was saturated at or above the"
                + " failing N");
    assertThat(o2.out())
        .contains("≥ 16 [16 pass, none failed]")
        .contains("not compared: base is a lower bound: nothing failed up to --max-sessions");
  }

  @Test
  void a_tolerance_widens_the_capacity_band() throws IOException {
    Path base = searched("base", 100, 105, "latency_slo", false, 8, 16, 32, 64, 100, 105);
    Path cand = searched("cand", 92, 95, "latency_slo", false, 8, 16, 32, 64, 92, 95);

    Cli.Result without = Cli.run("compare", base.toString(), cand.toString());
    Cli.Result with = Cli.run("compare", base.toString(), cand.toString(), "--tolerance", "10%");

    assertThat(without.exit()).isEqualTo(ExitCode.REQUIREMENT_FAILED.code());
    assertThat(with.exit()).as(with.out()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(with.out()).contains("-8 (-8.0 %) ±10", "ok: within the brackets or --tolerance");
  }

  /**
   * N = 10, 20, 40 at wait 1 s, two repetitions: repetition r passes (total p99 1.1 s) up to {@code
   * passUpTo[r]} and breaks the 3 s SLO above it (5 s).
   */
  private Path grid(String name, int... passUpTo) throws IOException {
    List<SummaryRecord> rows = new ArrayList<>();
    for (int r = 0; r < passUpTo.length; r++) {
      for (int n : List.of(10, 20, 40)) {
        rows.add(rep(n, 1.0, r + 1, 1.01, n <= passUpTo[r] ? 1.1 : 5.0));
      }
    }
    return write(name, rows);
  }

  @Test
  void a_max_batch_drop_within_its_repetitions_spread_is_noise_beyond_it_a_regression()
      throws IOException {
    Path base = grid("base", 40, 40);
    Path noisy = grid("noisy", 40, 20); // its repetitions' own max batches: 40 and 20
    Path worse = grid("worse", 10, 10);

    Cli.Result o = Cli.run("compare", base.toString(), noisy.toString());
    Cli.Result o2 = Cli.run("compare", base.toString(), worse.toString());

    assertThat(o.exit()).as(o.out()).isEqualTo(ExitCode.SUCCESS.code());
    assertThat(o.out().lines().filter(l -> l.startsWith("ws ") && l.contains("±20")))
        .singleElement()
        .asString()
        .contains("40", "20", "ok: fewer, within the noise band");
    assertThat(o2.exit()).isEqualTo(ExitCode.REQUIREMENT_FAILED.code());
    assertThat(o2.out()).contains("REGRESSION: fewer sessions held, beyond the noise band");
  }

  private static SummaryRecord saturated(SummaryRecord r) {
    SummaryRecord.Builder b = SummaryRecord.builder();
    for (var f : SummaryColumns.ALL) copy(b, f, r);
    return b.set(SummaryColumns.HARNESS_SATURATED, true).build();
  }

  private static <T> void copy(SummaryRecord.Builder b, Field<T> f, SummaryRecord r) {
    b.set(f, r.get(f));
  }

  @Test
  void an_open_loop_cell_pairs_only_with_the_same_rate_and_never_with_a_batch(@TempDir Path tmp)
      throws IOException {
    Path base = FormatFixtures.folder("v4");
    Path same = FormatFixtures.copy("v4", tmp);
    Path batchesOnly = FormatFixtures.folder("v3");

    Cli.Result paired = Cli.run("compare", base.toString(), same.toString());
    Cli.Result apart = Cli.run("compare", batchesOnly.toString(), base.toString());

    assertThat(paired.exit()).as(paired.err()).isZero();
    // v4's open-loop cell (10 sessions/s, 5 started) is its own configuration, not "N=5".
    assertThat(paired.out())
        .contains("no regression in 4 configuration(s)")
        .containsPattern(
            "(?m)^ws wait 0.1 s \\(1 step, 10 sessions/s constant for 0.5 s, ≤ 1 in flight\\) +1 / 1")
        .doesNotContain("N=5");
    assertThat(apart.exit()).as(apart.err()).isZero();
    assertThat(apart.out())
        .contains(
            "only in candidate, not compared: ws wait 0.1 s (1 step, 10 sessions/s constant for"
                + " 0.5 s, ≤ 1 in flight)")
        .doesNotContain("N=5");
    // The max-batch table is of batches only.
    String maxBatch = paired.out().substring(paired.out().indexOf("Max batch"));
    assertThat(maxBatch).doesNotContain("sessions/s");
  }
}
