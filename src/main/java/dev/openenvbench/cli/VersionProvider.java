package dev.openenvbench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar, plus the JVM it runs on. */
public final class VersionProvider implements IVersionProvider {
  public static String version() {
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/openenv-bench-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "openenv-bench " + version(),
      "JVM: ${java.version} (${java.vendor} ${java.vm.name})",
      "OS: ${os.name} ${os.version} ${os.arch}"
    };
  }
}
