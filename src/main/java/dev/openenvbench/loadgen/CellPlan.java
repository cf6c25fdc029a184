package dev.openenvbench.loadgen;

import dev.openenvbench.results.OpenLoop;
import java.util.List;

/**
 * One cell of a run: {@code numRequests} sessions (N, the seed's batch size) in {@code mode}, each
 * stepping {@code steps} times with {@code waitSeconds}, spread round robin over {@code targets};
 * repetition is 1-indexed. Connects are spread evenly over {@code rampSeconds} (0 = all at once,
 * the seed's way); with {@code barrier} every step waits until all sessions have reset. What each
 * session sends and how it pauses is {@code workload}.
 *
 * <p>An open-loop cell ({@code openLoop} set) starts its sessions on that schedule instead; its
 * {@code numRequests} is the sessions the schedule plans (rate × window), the cell's row says how
 * many it started.
 */
public record CellPlan(
    Mode mode,
    List<Target> targets,
    int numRequests,
    double waitSeconds,
    int repetition,
    int steps,
    double rampSeconds,
    boolean barrier,
    double timeoutSeconds,
    String hardware,
    Shard shard,
    Workload workload,
    OpenLoop openLoop) {

  /** A batch cell. */
  public CellPlan(
      Mode mode,
      List<Target> targets,
      int numRequests,
      double waitSeconds,
      int repetition,
      int steps,
      double rampSeconds,
      boolean barrier,
      double timeoutSeconds,
      String hardware,
      Shard shard,
      Workload workload) {
    this(
        mode,
        targets,
        numRequests,
        waitSeconds,
        repetition,
        steps,
        rampSeconds,
        barrier,
        timeoutSeconds,
        hardware,
        shard,
        workload,
        null);
  }

  /**
   * This process runs one segment of a cell split over several harness processes ({@code
   * --processes}): {@link #numRequests} is still the whole cell's N, of which this process runs
   * {@code segment}'s share. Every process starts at {@code startAtNanos} of the shared monotonic
   * clock (CLOCK_MONOTONIC, the same for all processes of one machine), so offsets and peak
   * concurrency line up when the segments are merged; {@code repetition} is the parent's repetition
   * number. A public {@code run --segment} ({@link SegmentRun}) runs its cells as shards too, each
   * with the start its schedule set on this host's monotonic clock.
   */
  public record Shard(Segment segment, long startAtNanos, int repetition) {}

  /** This cell as run by {@code shard}'s segment. */
  public CellPlan withShard(Shard shard) {
    return new CellPlan(
        mode,
        targets,
        numRequests,
        waitSeconds,
        repetition,
        steps,
        rampSeconds,
        barrier,
        timeoutSeconds,
        hardware,
        shard,
        workload,
        openLoop);
  }

  /** This process's segment of the cell: {@code 0/1} when it runs the whole cell. */
  public Segment segment() {
    return shard == null ? new Segment(0, 1) : shard.segment();
  }

  /** The sessions this process runs: the whole cell, or its segment's share of it. */
  public int sessions() {
    return segment().share(numRequests);
  }

  /** The request id of this process's first session. */
  public int firstRequestId() {
    return segment().firstRequestId(numRequests);
  }

  /** The two session protocols the seed compares. */
  public enum Mode {
    HTTP("http"),
    WS("ws");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** {@code http}, {@code ws} or {@code websocket}, in any case. */
    public static Mode parse(String s) {
      return switch (s.toLowerCase(java.util.Locale.ROOT)) {
        case "http" -> HTTP;
        case "ws", "websocket" -> WS;
        default ->
            throw new IllegalArgumentException("expected http, ws or websocket, not '" + s + "'");
      };
    }
  }

  public String url() {
    return String.join(";", targets.stream().map(Target::url).toList());
  }
}
