package dev.openenvbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real {@code run --segment I/K} child JVMs of one test against one server, as K machines would run
 * them: every segment with the same grid options and one {@code --schedule-dir} ({@code
 * DIR/schedule}), segment I writing {@code DIR/out-I-K} and its stderr to {@code DIR/I-K.err}.
 * Closing kills whatever is still running.
 */
final class SegmentProcesses implements AutoCloseable {
  private final Path dir;
  private final String url;
  private final List<String> grid;
  private final List<Process> started = new ArrayList<>();

  /**
   * @param grid the grid options every segment gets, e.g. {@code --requests-grid 6,4}
   */
  SegmentProcesses(Path dir, String url, String... grid) {
    this.dir = dir;
    this.url = url;
    this.grid = List.of(grid);
  }

  /** Starts {@code run --segment SEG --run-id RUN_ID} with the grid and {@code extra} options. */
  Process start(String seg, String runId, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("run", "--url", url));
    args.addAll(grid);
    args.addAll(
        List.of(
            "--warmup",
            "0",
            "--no-progress",
            "--segment",
            seg,
            "--run-id",
            runId,
            "--schedule-dir",
            dir.resolve("schedule").toString(),
            "--ready-timeout-seconds",
            "60",
            "-o",
            out(seg).toString()));
    args.addAll(List.of(extra));
    Process p =
        new ProcessBuilder(ChildCli.smallJvm(args))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve(name(seg) + ".err").toFile())
            .start();
    started.add(p);
    return p;
  }

  /** Segment SEG's result folder. */
  Path out(String seg) {
    return dir.resolve("out-" + name(seg));
  }

  /** What segment SEG has written to stderr so far. */
  String err(String seg) throws IOException {
    Path f = dir.resolve(name(seg) + ".err");
    return Files.exists(f) ? Files.readString(f) : "";
  }

  /** The segment's exit code; fails when it has not exited within 150 s (a hang). */
  static int exitCode(Process p) throws InterruptedException {
    if (!p.waitFor(150, TimeUnit.SECONDS)) throw new AssertionError("the segment did not exit");
    return p.exitValue();
  }

  private static String name(String seg) {
    return seg.replace('/', '-');
  }

  @Override
  public void close() {
    started.forEach(Process::destroyForcibly);
  }
}
