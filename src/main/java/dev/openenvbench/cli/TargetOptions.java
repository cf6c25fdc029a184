package dev.openenvbench.cli;

import dev.openenvbench.loadgen.RunArgs;
import dev.openenvbench.loadgen.Target;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which servers a load command drives: {@code run}'s and {@code capacity}'s shared options. */
final class TargetOptions {
  @Option(
      names = {"-u", "--url"},
      description = "Server root URL (default: start a local server).")
  String url;

  @Option(
      names = RunArgs.URLS,
      split = ",",
      description = "Several server URLs; sessions go round robin.")
  List<String> urls = new ArrayList<>();

  /** The servers in the order given; empty means "start a local server". */
  List<Target> targets() {
    List<Target> targets = new ArrayList<>();
    if (url != null) targets.add(Target.parse(url));
    urls.forEach(u -> targets.add(Target.parse(u)));
    return targets;
  }
}
