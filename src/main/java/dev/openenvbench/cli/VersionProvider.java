package dev.openenvbench.cli;

import dev.openenvbench.results.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** The version and commit Maven wrote into the jar ({@link BuildInfo}), plus the JVM it runs on. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "openenv-bench "
          + BuildInfo.CURRENT.version()
          + " (commit "
          + BuildInfo.CURRENT.commit()
          + ")",
      "JVM: ${java.version} (${java.vendor} ${java.vm.name})",
      "OS: ${os.name} ${os.version} ${os.arch}"
    };
  }
}
