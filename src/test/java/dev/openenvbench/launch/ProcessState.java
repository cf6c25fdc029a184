package dev.openenvbench.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What tests need to know about a process that is not their child. */
public final class ProcessState {
  private ProcessState() {}

  /**
   * Whether {@code process} has exited. A process that exited stays a zombie until its parent reaps
   * it, and {@link ProcessHandle#isAlive()} counts a zombie as alive; an orphan's new parent (PID 1
   * in a container, say) may take its time to reap, or never do.
   */
  public static boolean exited(ProcessHandle process) {
    if (!process.isAlive()) {
      return true;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // "pid (command) state ...": the command may contain anything, so read after the last ')'.
      return stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
    } catch (IOException gone) {
      return true;
    }
  }
}
