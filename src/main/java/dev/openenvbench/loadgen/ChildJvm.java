package dev.openenvbench.loadgen;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts another {@code openenv-bench} command in a child JVM: the same java
 * and class path as this process, with the launcher's JVM flags.
 */
final class ChildJvm {
  private ChildJvm() {}

  static List<String> command(List<String> cliArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(List.of("-XX:+UseSerialGC", "-Xss512k", "--enable-native-access=ALL-UNNAMED"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.openenvbench.cli.Main"));
    cmd.addAll(cliArgs);
    return cmd;
  }
}
