package dev.openenvbench.server;

import dev.openenvbench.protocol.OpenEnvRelease;

/**
 * Which OpenEnv server the process imitates: the release whose wire it speaks ({@code
 * --openenv-version}, env {@code OPENENV_VERSION}) and whether it runs in production mode ({@code
 * --mode}, env {@code OPENENV_MODE}), which drops the simulation routes {@code /reset}, {@code
 * /step} and {@code /state} as 0.7.0 and later do (docs/server.md "OpenEnv version").
 */
public record Dialect(OpenEnvRelease release, boolean production) {
  public static final String SIMULATION = "simulation";
  public static final String PRODUCTION = "production";

  public Dialect {
    if (release == null) {
      throw new IllegalArgumentException("an OpenEnv release must be given");
    }
    if (production && !release.productionMode()) {
      throw new IllegalArgumentException(
          "production mode needs OpenEnv 0.7 or newer, but the version is " + release);
    }
  }

  /** The newest release in simulation mode, OpenEnv's default. */
  public static Dialect newest() {
    return new Dialect(OpenEnvRelease.NEWEST, false);
  }

  /**
   * Reads {@code OPENENV_MODE}'s values as OpenEnv does (case-insensitive).
   *
   * @throws IllegalArgumentException for anything but simulation or production
   */
  public static Dialect of(String version, String mode) {
    String m = mode == null ? SIMULATION : mode.strip().toLowerCase(java.util.Locale.ROOT);
    if (!m.equals(SIMULATION) && !m.equals(PRODUCTION)) {
      throw new IllegalArgumentException(
          "mode must be " + SIMULATION + " or " + PRODUCTION + ", got '" + mode + "'");
    }
    return new Dialect(OpenEnvRelease.parse(version), m.equals(PRODUCTION));
  }

  /** Whether {@code /reset}, {@code /step} and {@code /state} exist over HTTP. */
  boolean simulationRoutes() {
    return !production;
  }

  String mode() {
    return production ? PRODUCTION : SIMULATION;
  }
}
