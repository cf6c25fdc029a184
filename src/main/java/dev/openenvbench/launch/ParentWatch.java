package dev.openenvbench.launch;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * The child's half of "a child never outlives its parent" (the parent's half is {@link ChildJvm}).
 * A process that ChildJvm started reads its standard input, a pipe whose write end only the parent
 * holds, until end-of-file. The kernel closes that end when the parent dies, however it dies
 * ({@code kill -9} included), so end-of-file means the parent is gone, at once and without polling
 * a pid that may be reused. The child then raises SIGTERM on itself and stops exactly as it would
 * if its parent had stopped it: {@code serve} stops accepting, lets running steps finish within its
 * grace period and exits 0 (a supervisor stops its workers first); {@code run} writes its running
 * cell as incomplete and exits 3. Each of those paths is bounded, so the child exits.
 *
 * <p>A chain collapses link by link: when a {@code run} is killed, its local server's supervisor
 * reads end-of-file and stops; if that supervisor is killed too, its workers read theirs.
 *
 * <p>Only a process whose environment has {@link ChildJvm#PARENT_PID_ENV}, which ChildJvm sets,
 * watches. A {@code serve} started from a shell, under nohup or with {@code < /dev/null} never
 * does: its standard input says nothing about its parent. Threading: one daemon thread, blocked in
 * a read.
 */
public final class ParentWatch {
  private ParentWatch() {}

  /**
   * Starts watching when {@code environment} says ChildJvm started this process; otherwise does
   * nothing.
   *
   * @param log where to say that the parent went away
   */
  public static void startIfChild(Map<String, String> environment, PrintStream log) {
    OptionalLong watched = watchedParent(environment.get(ChildJvm.PARENT_PID_ENV));
    if (watched.isEmpty()) {
      return;
    }
    long pid = watched.getAsLong();
    Thread.ofPlatform()
        .daemon()
        .name("parent-watch")
        .start(
            () -> {
              awaitEndOfInput(new FileInputStream(FileDescriptor.in));
              if (parentExited(pid)) {
                log.println(
                    "openenv-bench: parent pid " + pid + " went away; stopping as on SIGTERM");
                log.flush();
              }
              Signal.raise(new Signal("TERM"));
            });
  }

  /**
   * Whether the parent has exited, or does within a second. Its pipe closes while it exits, a
   * moment before the kernel hands its children to another parent, which is what this asks: a dead
   * parent that nobody has reaped yet is still alive to {@link ProcessHandle#isAlive()}. A parent
   * that lives on closed the pipe itself ({@link Process#destroy()} does, along with its SIGTERM),
   * which needs no explaining.
   */
  private static boolean parentExited(long pid) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    try {
      while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == pid) {
        if (System.nanoTime() - deadline > 0) {
          return false;
        }
        TimeUnit.MILLISECONDS.sleep(10);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The parent to watch for, from the variable's value; empty when this process should not watch.
   *
   * <p>The variable is not checked against this process's parent: a parent that died while this JVM
   * was starting has handed it to another parent already, and may linger as a zombie that still
   * looks alive, which no check could tell from a live stranger. Missing that would leave exactly
   * the orphan this class exists to prevent; only ChildJvm sets the variable.
   */
  static OptionalLong watchedParent(String value) {
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Reads and discards until end-of-file; a read error means the pipe is gone too. */
  private static void awaitEndOfInput(InputStream in) {
    byte[] discard = new byte[256];
    try {
      while (in.read(discard) >= 0) {
        // The parent writes nothing; anything it did write means nothing here.
      }
    } catch (IOException e) {
      // A broken standard input cannot be the parent's pipe any more.
    }
  }
}
