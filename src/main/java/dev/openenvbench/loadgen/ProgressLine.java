package dev.openenvbench.loadgen;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A live one-line status of the running cell (after what it is part of, {@link
 * CellProgress#context}) on stderr, redrawn with {@code \r} five times a second; only when stderr
 * is a terminal, so logs and pipes stay clean.
 */
public final class ProgressLine implements AutoCloseable {
  private final PrintStream err;
  private final boolean enabled;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("openenv-bench-progress").unstarted(r));
  private ScheduledFuture<?> task;
  private int drawn;

  public ProgressLine(PrintStream err, boolean wanted) {
    this.err = err;
    this.enabled = wanted && stderrIsTerminal();
  }

  /** True when file descriptor 2 is a terminal (Linux: it links to a tty or pty device). */
  public static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return false;
    }
  }

  public synchronized void show(String label, CellProgress p) {
    stop();
    if (!enabled) return;
    long t0 = System.nanoTime();
    task =
        timer.scheduleAtFixedRate(
            () -> {
              double elapsed = (System.nanoTime() - t0) / 1e9;
              draw(
                  String.format(
                      Locale.ROOT,
                      "%s%s  started %d  connected %d  reset %d  ok %d  failed %d  /%d  %.1fs",
                      p.context(),
                      label,
                      p.started(),
                      p.connected(),
                      p.resetDone(),
                      p.succeeded(),
                      p.failed(),
                      p.total(),
                      elapsed));
            },
            0,
            200,
            TimeUnit.MILLISECONDS);
  }

  /** Redraws the line over the previous one, blanking what a longer previous line left. */
  private synchronized void draw(String line) {
    if (task == null) return;
    err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
    err.flush();
    drawn = line.length();
  }

  public synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
      err.print("\r" + " ".repeat(drawn) + "\r");
      err.flush();
      drawn = 0;
    }
  }

  @Override
  public void close() {
    stop();
    timer.shutdownNow();
  }
}
