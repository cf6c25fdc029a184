package dev.openenvbench.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and commit this jar was built from (written by Maven into {@code
 * openenv-bench-version.properties}), for {@code --version} and every run's manifest.
 *
 * @param commit the full commit id, with {@code -dirty} when the tree had uncommitted changes, or
 *     {@code unknown} when the jar was built outside a git checkout
 */
public record BuildInfo(String version, String commit) {
  public static final BuildInfo CURRENT = load();

  private static BuildInfo load() {
    try (InputStream in =
        BuildInfo.class.getResourceAsStream("/openenv-bench-version.properties")) {
      if (in == null) return new BuildInfo("unknown", "unknown");
      Properties p = new Properties();
      p.load(in);
      String commit = known(p.getProperty("commit"));
      if (!commit.equals("unknown") && "true".equals(p.getProperty("dirty"))) commit += "-dirty";
      return new BuildInfo(known(p.getProperty("version")), commit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A value Maven did not fill in (no git) reads as the placeholder itself: unknown. */
  private static String known(String v) {
    return v == null || v.isBlank() || v.startsWith("${") ? "unknown" : v;
  }
}
