package dev.openenvbench.cli;

import dev.openenvbench.loadgen.Connection;
import dev.openenvbench.loadgen.RunArgs;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The connection's lifecycle, as a real trainer's client lives it: keep-alive pings, sessions that
 * vanish mid-step, TLS trust, how many open at once. {@code run}'s options; {@code capacity} takes
 * all but {@code --abandon} and {@code --open-window}.
 */
final class ConnectionOptions {
  @Option(
      names = RunArgs.PING_SECONDS,
      defaultValue = "20",
      paramLabel = "SECONDS",
      description =
          "Ping each WebSocket this often, as OpenEnv's client does (default: ${DEFAULT-VALUE};"
              + " 0 = no pings).")
  double pingSeconds;

  @Option(
      names = RunArgs.PONG_TIMEOUT_SECONDS,
      defaultValue = "60",
      paramLabel = "SECONDS",
      description =
          "Fail a session as ping_timeout when a ping has had no pong this long (default:"
              + " ${DEFAULT-VALUE}); harness_stalled instead when this process's own event loop"
              + " was late by as much.")
  double pongTimeoutSeconds;

  @Option(
      names = RunArgs.ABANDON,
      defaultValue = "0",
      paramLabel = "FRACTION",
      description =
          "Share of each cell's sessions that vanish during their first step (default:"
              + " ${DEFAULT-VALUE}); after the cell a probe asks the server when it gave their"
              + " slots back.")
  double abandon;

  @Option(
      names = RunArgs.ABANDON_HOW,
      defaultValue = "close",
      paramLabel = "HOW",
      converter = AbandonConverter.class,
      description =
          "How they vanish: close (an orderly close), reset (a TCP reset) or silent (the socket"
              + " kept open and never read again, a crashed trainer's half-open socket) (default:"
              + " ${DEFAULT-VALUE}).")
  Connection.Abandon abandonHow;

  @Option(
      names = RunArgs.ABANDON_PROBE_SECONDS,
      defaultValue = "120",
      paramLabel = "SECONDS",
      description =
          "How long after the last abandonment the probe waits for the server to give the slots"
              + " back (default: ${DEFAULT-VALUE}).")
  double abandonProbeSeconds;

  @Option(
      names = RunArgs.OPEN_WINDOW,
      defaultValue = "auto",
      paramLabel = "W|auto",
      converter = OpenWindowConverter.class,
      description =
          "How many sessions of a cell open at once (TCP connect, TLS, upgrade), each that has"
              + " sent its reset letting the next one start. auto (the default) finds the width itself for"
              + " WebSocket cells without --barrier: it widens while openings stay fast and"
              + " narrows when they queue, so a step reply that falls due does not wait behind a"
              + " connect storm on a small machine, and a remote deployment still gets its"
              + " sessions as fast as it takes them (HTTP and --barrier cells open all at once"
              + " under it). W = at most"
              + " W (with --processes K, each process its share); 0 = all at once, the seed's"
              + " script's way. With a window a session's connect_latency counts from the cell"
              + " start, its wait for a turn included (start_delay). capacity: its probes open"
              + " all at once, and a W is refused.")
  int openWindow;

  @Option(
      names = RunArgs.RELEASE_RATE,
      defaultValue = "auto",
      paramLabel = "R|auto",
      converter = ReleaseRateConverter.class,
      description =
          "With --barrier: how many of the held steps are let go per second once all sessions"
              + " have reset (with --processes K, each process its share). auto (the default):"
              + " 10,000 a second, or faster when that would take more than a quarter of the"
              + " wait, so all still step at once for most of it; a step burst of thousands makes"
              + " each side's reads wait behind the other's. 0 = all in one burst, as with a"
              + " wait of 0. capacity: one burst.")
  double releaseRate;

  @Option(
      names = RunArgs.INSECURE,
      description = "https/wss: trust any certificate (a self-signed test deployment).")
  boolean insecure;

  @Option(
      names = RunArgs.CA_CERT,
      paramLabel = "FILE",
      description = "https/wss: trust the certificate authorities of this PEM file.")
  Path caCert;

  Connection connection() {
    return new Connection(
        pingSeconds,
        pongTimeoutSeconds,
        abandon,
        abandonHow,
        abandonProbeSeconds,
        insecure,
        caCert,
        openWindow,
        releaseRate);
  }

  /** For {@code capacity}: a search's probes must measure whole sessions. */
  Connection forSearch() {
    if (abandon > 0) {
      throw new IllegalArgumentException(
          "capacity does not take --abandon: a search's probes must measure whole sessions; use"
              + " run --abandon to see whether the server frees abandoned slots");
    }
    if (openWindow > 0) {
      // A probe's latency SLO is on total latency, which would hold the harness's own queue.
      throw new IllegalArgumentException(
          "capacity does not take --open-window: a probe's total latency would include each"
              + " session's wait for a turn, the harness's queue rather than the server's; use run"
              + " --open-window");
    }
    return connection().allAtOnce();
  }

  /** {@code auto} or a whole number ≥ 0. */
  static final class OpenWindowConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        return Connection.parseOpenWindow(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code auto} or a number ≥ 0. */
  static final class ReleaseRateConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        return Connection.parseReleaseRate(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code close}, {@code reset} or {@code silent}. */
  static final class AbandonConverter implements ITypeConverter<Connection.Abandon> {
    @Override
    public Connection.Abandon convert(String value) {
      try {
        return Connection.Abandon.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
