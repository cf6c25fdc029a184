package dev.openenvbench.cli;

import dev.openenvbench.launch.ChildJvm;

/** Every exit code the CLI uses, mapped in one place and listed in {@code --help}. */
public enum ExitCode {
  SUCCESS(0),
  REQUIREMENT_FAILED(1),
  BAD_ARGUMENTS(2),
  ABORTED(ChildJvm.EXIT_ABORTED), // a parent run --processes reads it from its shards
  INTERNAL_ERROR(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  static int forException(Throwable t) {
    return t instanceof IllegalArgumentException ? BAD_ARGUMENTS.code() : INTERNAL_ERROR.code();
  }
}
