package dev.openenvbench.protocol;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code openenv} release whose server wire a server speaks ({@code serve --openenv-version}):
 * where releases disagree, the older behaviour is kept for an older release. Each feature method
 * names the release that introduced it, as read from the released wheels (docs/compatibility.md
 * "Wire by release"). {@code openenv-core} 0.3.0's server is {@code openenv} 0.3.1's.
 *
 * @param minor the {@code 0.minor} line (every release so far is 0.x)
 * @param patch the patch number; no feature depends on it today
 */
public record OpenEnvRelease(int minor, int patch) implements Comparable<OpenEnvRelease> {
  /** The oldest line whose wire this project has verified against (openenv-core 0.3.0). */
  public static final OpenEnvRelease OLDEST = new OpenEnvRelease(3, 0);

  /** The newest release verified, and the default: the seed tracks OpenEnv's main branch. */
  public static final OpenEnvRelease NEWEST = new OpenEnvRelease(10, 0);

  private static final Pattern FORM = Pattern.compile("0\\.(\\d{1,3})(?:\\.(\\d{1,3}))?");

  // Plain numbers: the constants above are built by this constructor.
  private static final int OLDEST_MINOR = 3;
  private static final int NEWEST_MINOR = 10;

  public OpenEnvRelease {
    if (minor < OLDEST_MINOR || minor > NEWEST_MINOR || patch < 0) {
      throw new IllegalArgumentException(
          "OpenEnv version 0."
              + minor
              + "."
              + patch
              + " is not one this server speaks: use 0."
              + OLDEST_MINOR
              + " to 0."
              + NEWEST_MINOR);
    }
  }

  /**
   * Reads {@code 0.10}, {@code 0.10.0} or {@code 0.3.1}.
   *
   * @throws IllegalArgumentException in one line, naming the accepted range
   */
  public static OpenEnvRelease parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "OpenEnv version must look like 0.10 or 0.3.1, got '" + text + "'");
    }
    int patch = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    return new OpenEnvRelease(Integer.parseInt(m.group(1)), patch);
  }

  /** 0.4.0: observations carry {@code metadata} (and HTTP replies a top-level {@code metadata}). */
  public boolean observationMetadata() {
    return minor >= 4;
  }

  /** 0.5.0: the Task API routes ({@code /list_environments}, {@code /{env}/splits}, ...). */
  public boolean taskApi() {
    return minor >= 5;
  }

  /**
   * 0.5.0: a WebSocket may attach to an MCP session ({@code /ws?session_id=<id>}, the session made
   * by {@code openenv/session/create}); before, the query string is ignored.
   */
  public boolean sessionAttach() {
    return minor >= 5;
  }

  /** 0.7.0: {@code OPENENV_MODE=production} drops {@code /reset}, {@code /step}, {@code /state}. */
  public boolean productionMode() {
    return minor >= 7;
  }

  /** 0.8.0: {@code /schema} has a fourth key, {@code reset_observation}. */
  public boolean resetObservationSchema() {
    return minor >= 8;
  }

  @Override
  public int compareTo(OpenEnvRelease other) {
    return minor != other.minor
        ? Integer.compare(minor, other.minor)
        : Integer.compare(patch, other.patch);
  }

  @Override
  public String toString() {
    return "0." + minor + "." + patch;
  }
}
