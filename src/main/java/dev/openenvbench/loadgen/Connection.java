package dev.openenvbench.loadgen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the harness treats its connections, the way a real trainer's client does: WebSocket
 * keep-alive pings (OpenEnv's client pings every 20 s, websockets' default), a share of sessions
 * that vanish mid-step ({@code --abandon}), how https/wss servers are trusted, and how many
 * sessions open at once ({@code --open-window}).
 *
 * @param pingSeconds interval between the client's WebSocket pings (0 = no pings)
 * @param pongTimeoutSeconds a session whose ping has had no pong for this long fails as {@code
 *     ping_timeout}
 * @param abandonFraction share of each cell's sessions (0..1) that vanish during their first step
 * @param abandonHow how an abandoned session vanishes
 * @param abandonProbeSeconds how long after the last abandonment the probe waits for the server to
 *     give the slots back
 * @param insecure trust any TLS certificate (a self-signed test deployment)
 * @param caCert a PEM file of the certificate authorities to trust instead of the JDK's, or null
 * @param openWindow at most this many of a batch cell's sessions opening (connect, upgrade, reset)
 *     at once (a segment of the cell: its share of them), the others waiting their turn; {@link
 *     #OPEN_WINDOW_AUTO} (the default) = a window that finds its own width ({@code OpenWindow}); 0
 *     = all at once
 * @param releaseRate with {@code --barrier}: how many of the cell's held steps are let go per
 *     second once all its sessions have reset (a segment of the cell: its share); {@link
 *     #RELEASE_RATE_AUTO} (the default) = {@link #AUTO_RELEASE_PER_SECOND}, or faster when that
 *     would take more than a quarter of the wait; 0 = all in one burst
 */
public record Connection(
    double pingSeconds,
    double pongTimeoutSeconds,
    double abandonFraction,
    Abandon abandonHow,
    double abandonProbeSeconds,
    boolean insecure,
    Path caCert,
    int openWindow,
    double releaseRate) {

  /** {@code --open-window auto}: the window finds its own width. */
  public static final int OPEN_WINDOW_AUTO = -1;

  /** {@code --release-rate auto}: {@link #AUTO_RELEASE_PER_SECOND}, or a quarter of the wait. */
  public static final double RELEASE_RATE_AUTO = -1;

  /**
   * {@code auto}'s pace for a whole cell: what one server sharing this 2-core machine with the
   * harness read without its steps queueing (docs/benchmarks.md, "A paced barrier release").
   */
  public static final double AUTO_RELEASE_PER_SECOND = 10_000;

  /**
   * OpenEnv's client's keep-alive, no abandoned sessions, the JDK's trusted authorities, the open
   * window finding its own width.
   */
  public static final Connection DEFAULT =
      new Connection(
          20, 60, 0, Abandon.CLOSE, 120, false, null, OPEN_WINDOW_AUTO, RELEASE_RATE_AUTO);

  /**
   * How an abandoned session leaves the server: an orderly WebSocket close (or FIN on HTTP), a TCP
   * reset, or nothing at all (its socket kept open and never read again: a crashed trainer's
   * half-open connection as the server sees it).
   */
  public enum Abandon {
    CLOSE,
    RESET,
    SILENT;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code close}, {@code reset} or {@code silent}, in any case. */
    public static Abandon parse(String s) {
      for (Abandon a : values()) {
        if (a.label().equalsIgnoreCase(s)) return a;
      }
      throw new IllegalArgumentException("expected close, reset or silent, not '" + s + "'");
    }
  }

  /**
   * The same, with at most {@code w} sessions of a cell opening at once (0 = all at once, {@link
   * #OPEN_WINDOW_AUTO} = the window finds its own width).
   */
  public Connection withOpenWindow(int w) {
    return with(w, releaseRate);
  }

  /** The same, the barrier's steps let go {@code r} a second (0 = in one burst, or auto). */
  public Connection withReleaseRate(double r) {
    return with(openWindow, r);
  }

  /**
   * The same, every session of a cell opening at once and a barrier's steps let go in one burst: as
   * a capacity probe runs (its latency SLO is on total latency, which would otherwise hold the
   * harness's own queues), and as every run did before either option.
   */
  public Connection allAtOnce() {
    return with(0, 0);
  }

  private Connection with(int window, double release) {
    return new Connection(
        pingSeconds,
        pongTimeoutSeconds,
        abandonFraction,
        abandonHow,
        abandonProbeSeconds,
        insecure,
        caCert,
        window,
        release);
  }

  /**
   * This process's pace for a barrier cell of {@code sessions} (its share of the cell, one of
   * {@code processes}) and a wait of {@code waitSeconds}: steps per second, 0 = one burst. Under
   * auto, never slower than letting them all go within a quarter of the wait, so that all still
   * step at once for most of it.
   */
  public double releasePerSecond(int sessions, int processes, double waitSeconds) {
    if (releaseRate == 0 || waitSeconds <= 0) return 0;
    if (releaseRate > 0) return releaseRate / processes;
    return Math.max(AUTO_RELEASE_PER_SECOND / processes, sessions / (waitSeconds / 4));
  }

  public Connection {
    if (!(pingSeconds >= 0)) throw new IllegalArgumentException("--ping-seconds must be ≥ 0");
    if (!(pongTimeoutSeconds > 0)) {
      throw new IllegalArgumentException("--pong-timeout-seconds must be > 0");
    }
    if (!(abandonFraction >= 0 && abandonFraction <= 1)) {
      throw new IllegalArgumentException("--abandon must be a fraction from 0 to 1");
    }
    if (!(abandonProbeSeconds > 0)) {
      throw new IllegalArgumentException("--abandon-probe-seconds must be > 0");
    }
    if (abandonHow == null) throw new IllegalArgumentException("--abandon-how is missing");
    if (insecure && caCert != null) {
      throw new IllegalArgumentException(
          "--insecure trusts every certificate, --ca-cert only some: give one of them");
    }
    if (openWindow < OPEN_WINDOW_AUTO) {
      throw new IllegalArgumentException(
          "--open-window must be auto or a number ≥ 0 (0 = all at once)");
    }
    if (!(releaseRate >= 0 || releaseRate == RELEASE_RATE_AUTO)) {
      throw new IllegalArgumentException(
          "--release-rate must be auto or a number ≥ 0 (0 = all in one burst)");
    }
    if (caCert != null && !Files.isReadable(caCert)) {
      throw new IllegalArgumentException("--ca-cert " + caCert + ": no readable file there");
    }
  }

  /** {@code auto}, or the width (0 = all at once): as {@code --open-window} takes it. */
  public String openWindowLabel() {
    return openWindow == OPEN_WINDOW_AUTO ? "auto" : Integer.toString(openWindow);
  }

  /** {@code auto}, or the steps a second (0 = one burst): as {@code --release-rate} takes it. */
  public String releaseRateLabel() {
    return releaseRate == RELEASE_RATE_AUTO ? "auto" : Double.toString(releaseRate);
  }

  /** Parses {@code --release-rate}'s value: {@code auto} or a number ≥ 0. */
  public static double parseReleaseRate(String value) {
    if ("auto".equalsIgnoreCase(value.strip())) return RELEASE_RATE_AUTO;
    try {
      double r = Double.parseDouble(value.strip());
      if (r >= 0 && Double.isFinite(r)) return r;
    } catch (NumberFormatException e) {
      // falls through to the one message
    }
    throw new IllegalArgumentException(
        "--release-rate must be auto or a number ≥ 0 (0 = all in one burst), not '" + value + "'");
  }

  /** Parses {@code --open-window}'s value: {@code auto} or a whole number. */
  public static int parseOpenWindow(String value) {
    if ("auto".equalsIgnoreCase(value.strip())) return OPEN_WINDOW_AUTO;
    try {
      int w = Integer.parseInt(value.strip());
      if (w >= 0) return w;
    } catch (NumberFormatException e) {
      // falls through to the one message
    }
    throw new IllegalArgumentException(
        "--open-window must be auto or a number ≥ 0 (0 = all at once), not '" + value + "'");
  }

  public boolean pings() {
    return pingSeconds > 0;
  }

  /** How many of a cell's {@code sessions} are abandoned: the fraction, rounded to the nearest. */
  public int abandoned(int sessions) {
    return (int) Math.round(abandonFraction * sessions);
  }

  /** Whether session {@code index} of a cell of {@code sessions} is one of its abandoned ones. */
  public boolean abandons(int index, int sessions) {
    int k = abandoned(sessions);
    if (k == 0) return false;
    // Spread evenly over the cell (k of every `sessions`), so a ramp abandons early and late ones.
    return (long) index * k / sessions != (long) (index + 1) * k / sessions;
  }

  /** For the run manifest; every setting changes what a run measures, so resume compares them. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ping_seconds", pingSeconds);
    m.put("pong_timeout_seconds", pongTimeoutSeconds);
    m.put("abandon", abandonFraction);
    m.put("abandon_how", abandonHow.label());
    m.put("abandon_probe_seconds", abandonProbeSeconds);
    m.put("insecure", insecure);
    m.put("ca_cert", caCert == null ? null : caCert.toString());
    // Absent for all at once: a run from before the option opened that way, and resumed with
    // --open-window 0 it has the same settings.
    if (openWindow != 0) {
      m.put("open_window", openWindow == OPEN_WINDOW_AUTO ? "auto" : (Object) openWindow);
    }
    // The same: absent for one burst, as before the option.
    if (releaseRate != 0) {
      m.put("release_rate", releaseRate == RELEASE_RATE_AUTO ? "auto" : (Object) releaseRate);
    }
    return m;
  }
}
