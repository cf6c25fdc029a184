package dev.openenvbench.launch;

import java.util.List;
import java.util.Map;

/**
 * What a child {@code openenv-bench} process is started with: its arguments (the command and its
 * options, after the main class) and the environment variables it gets on top of this process's.
 *
 * <p>Secrets (request header values, tokens) travel in {@code environment} or on the child's
 * standard input, never in {@code args}: every user of the machine can read any process's argv
 * ({@code ps}, {@code /proc/PID/cmdline}), and command lines end up in logs and CI output, while a
 * process's environment is readable by its owner only. No secret exists yet; the channel does, so
 * the first one has a place to go.
 *
 * @param args the child's command line, e.g. {@code serve --port 0}
 * @param environment variables added to (or replacing) those the child inherits
 */
public record ChildCommand(List<String> args, Map<String, String> environment) {
  public ChildCommand {
    args = List.copyOf(args);
    environment = Map.copyOf(environment);
  }

  /** A command that needs nothing but its arguments. */
  public static ChildCommand of(List<String> args) {
    return new ChildCommand(args, Map.of());
  }
}
