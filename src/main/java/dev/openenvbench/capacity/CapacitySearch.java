package dev.openenvbench.capacity;

import dev.openenvbench.capacity.Probe.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The search for one mode × wait: the largest N whose probes pass. Pure logic, no I/O: {@link
 * #next} says which N to probe, {@link #record} takes its outcome.
 *
 * <pre>
 *  GROW      N = start, 2·start, 4·start … (capped at max) until a probe fails
 *  BISECT    lo = largest pass, hi = smallest fail; probe (lo+hi)/2 until hi − lo ≤ resolution·lo
 *  BOUNDARY  run lo and hi again until each has boundaryRuns runs
 *  CONFIRM   run lo confirmRuns more times
 *  a run of lo that fails in BOUNDARY or CONFIRM makes lo the new hi: back to BISECT below it
 * </pre>
 *
 * An N passes only if every one of its runs passed; one failed run fails it. Not thread-safe.
 */
public final class CapacitySearch {
  private final int floor;
  private final int start;
  private final int max;
  private final double resolution;
  private final int boundaryRuns;
  private final int confirmRuns;
  private final List<Probe> probes = new ArrayList<>();

  /** Per N: runs so far, and whether all passed. */
  private final TreeMap<Integer, int[]> runs = new TreeMap<>();

  private Stage stage = Stage.GROW;
  private int lo; // largest N that passed every run (0 = none)
  private int hi; // smallest N that failed a run (0 = none yet)
  private int confirmsLeft;
  private boolean done;

  /**
   * @param floor the smallest N a probe may have (1; K for a cell split over K processes)
   * @param resolution the bracket's target width as a fraction of its lower end (0.05 = 5 %)
   * @param boundaryRuns runs each end of the bracket gets in all (≥ 1)
   * @param confirmRuns further runs of the answer, after the boundary (≥ 0)
   */
  public CapacitySearch(
      int floor, int start, int max, double resolution, int boundaryRuns, int confirmRuns) {
    if (start < floor) {
      throw new IllegalArgumentException(
          "--start must be ≥ "
              + floor
              + (floor > 1 ? " (one session per process: --processes, --srun-tasks)" : "")
              + ", got "
              + start);
    }
    if (max < start) {
      throw new IllegalArgumentException("--max-sessions must be ≥ --start (" + start + ")");
    }
    if (!(resolution > 0 && resolution < 1)) {
      throw new IllegalArgumentException("--resolution must be in (0, 1), got " + resolution);
    }
    if (boundaryRuns < 1) throw new IllegalArgumentException("--boundary-runs must be ≥ 1");
    if (confirmRuns < 0) throw new IllegalArgumentException("--confirm-runs must be ≥ 0");
    this.floor = floor;
    this.start = start;
    this.max = max;
    this.resolution = resolution;
    this.boundaryRuns = boundaryRuns;
    this.confirmRuns = confirmRuns;
  }

  /** The stage the next probe belongs to. */
  public Stage stage() {
    return stage;
  }

  /** The N to probe next, or 0 when the search is over. */
  public int next() {
    if (done) return 0;
    return switch (stage) {
      case GROW -> lo == 0 ? start : Math.min(max, lo * 2);
      case BISECT -> lo == 0 ? Math.max(floor, hi / 2) : lo + (hi - lo) / 2;
      case BOUNDARY -> runsAt(lo) < boundaryRuns || hi == 0 ? lo : hi;
      case CONFIRM -> lo;
    };
  }

  /** The repetition number the next probe of {@code n} gets. */
  public int repetitionOf(int n) {
    return runsAt(n) + 1;
  }

  /** Takes the outcome of the probe {@link #next} asked for (an incomplete one changes nothing). */
  public void record(Probe p) {
    probes.add(p);
    if (p.incomplete()) return; // the run stopped during it: neither a pass nor a fail
    int[] r = runs.computeIfAbsent(p.n(), k -> new int[] {0, 1});
    r[0]++;
    if (!p.passed()) r[1] = 0;
    if (p.passed() && allPassed(p.n())) {
      if (p.n() > lo && (hi == 0 || p.n() < hi)) lo = p.n();
    } else if (!p.passed()) {
      if (hi == 0 || p.n() < hi) hi = p.n();
      if (p.n() <= lo) {
        lo = largestPassBelow(hi);
        stage = Stage.BISECT; // the answer failed: search again below it, then repeat and confirm
      }
    }
    advance();
  }

  private void advance() {
    if (stage == Stage.GROW && hi == 0) {
      if (lo == max) toBoundary();
      return;
    }
    if (stage == Stage.GROW || stage == Stage.BISECT) {
      if (bracketResolved()) toBoundary();
      else stage = Stage.BISECT;
      return;
    }
    // BOUNDARY or CONFIRM: a failed run of lo has moved the bracket down.
    if (!bracketResolved()) {
      stage = Stage.BISECT;
      return;
    }
    if (stage == Stage.BOUNDARY) {
      if (lo == 0) {
        done = true;
      } else if (runsAt(lo) >= boundaryRuns && (hi == 0 || runsAt(hi) >= boundaryRuns)) {
        stage = Stage.CONFIRM;
        confirmsLeft = confirmRuns;
        if (confirmsLeft == 0) done = true;
      }
    } else if (--confirmsLeft <= 0) {
      done = true;
    }
  }

  private void toBoundary() {
    stage = Stage.BOUNDARY;
    if (lo == 0) done = true; // even one session fails: nothing to repeat
    else advance();
  }

  /** Whether hi − lo is within the resolution (always when nothing has failed: lo is the max). */
  public boolean bracketResolved() {
    if (hi == 0) return lo == max;
    if (lo == 0) return hi <= floor;
    return hi - lo <= Math.max(1, Math.floor(lo * resolution));
  }

  private int largestPassBelow(int bound) {
    for (var e : runs.headMap(bound, false).descendingMap().entrySet()) {
      if (e.getValue()[1] == 1) return e.getKey();
    }
    return 0;
  }

  private boolean allPassed(int n) {
    int[] r = runs.get(n);
    return r != null && r[1] == 1;
  }

  private int runsAt(int n) {
    int[] r = runs.get(n);
    return r == null ? 0 : r[0];
  }

  public boolean done() {
    return done;
  }

  /** The capacity so far: the largest N that passed every run (0 = none). */
  public int lo() {
    return lo;
  }

  /** The smallest N that failed a run, or 0 when none did. */
  public int hi() {
    return hi;
  }

  public int max() {
    return max;
  }

  public List<Probe> probes() {
    return List.copyOf(probes);
  }
}
