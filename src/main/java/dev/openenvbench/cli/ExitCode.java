package dev.openenvbench.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every exit code of every command, each with the one description {@code --help} lists (Main puts
 * this table into every command's usage message). Scripts and CI jobs branch on these numbers, so a
 * number never changes meaning.
 *
 * <p>A parent {@code run --processes} learns ABORTED's number from here too ({@link
 * Main#childJvm}), to tell an aborted shard from a failed one.
 *
 * <p>When several apply (a run that was aborted and also missed a requirement), {@link #winner}
 * picks the one to report.
 */
public enum ExitCode {
  SUCCESS(0, "success"),
  REQUIREMENT_FAILED(1, "a requirement failed (--threshold, --require-hosts; compare regressed)"),
  BAD_ARGUMENTS(2, "bad arguments, or a pre-flight check failed"),
  ABORTED(3, "aborted (Ctrl-C, server gone, merge: segment lost); finished sessions kept"),
  INTERNAL_ERROR(4, "internal error (a bug: the stack trace says where)"),
  NOTHING_WORKED(5, "no session of the whole run succeeded"),
  OUTPUT_FAILED(6, "the output could not be written (disk full, not writable)");

  /**
   * Which code wins when several apply, first wins. A bug or unusable output overrides what was
   * measured; an abort explains missing results better than their absence does; a requirement is
   * only worth reporting when nothing worse happened.
   */
  private static final List<ExitCode> PRECEDENCE =
      List.of(
          INTERNAL_ERROR,
          OUTPUT_FAILED,
          ABORTED,
          BAD_ARGUMENTS,
          NOTHING_WORKED,
          REQUIREMENT_FAILED,
          SUCCESS);

  private final int code;
  private final String description;

  ExitCode(int code, String description) {
    this.code = code;
    this.description = description;
  }

  public int code() {
    return code;
  }

  public String description() {
    return description;
  }

  /** The code to exit with when all of {@code applicable} apply; SUCCESS when none does. */
  public static ExitCode winner(Collection<ExitCode> applicable) {
    for (ExitCode c : PRECEDENCE) {
      if (applicable.contains(c)) return c;
    }
    return SUCCESS;
  }

  /** The table as picocli's exit-code list wants it: code → description, in numeric order. */
  static Map<String, String> usageList() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitCode c : values()) list.put(Integer.toString(c.code), c.description);
    return list;
  }

  static List<ExitCode> precedence() {
    return PRECEDENCE;
  }
}
