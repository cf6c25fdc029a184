package dev.openenvbench.server;

import dev.openenvbench.env.BenchmarkProfile;
import dev.openenvbench.protocol.MessageLimit;
import java.time.Duration;

/**
 * How one server process runs. Validated on construction, so a bad value fails at start-up with a
 * message rather than mid-run.
 *
 * @param port 0 picks a free port
 * @param maxConcurrentEnvs WebSocket sessions this process holds at once (OpenEnv's {@code
 *     max_concurrent_envs}); one more gets CAPACITY_REACHED
 * @param maxWaitSeconds the largest {@code wait_seconds} a step accepts
 * @param maxFrameBytes the largest WebSocket message (uvicorn's default is 16 MiB); larger ones
 *     close the connection with 1009
 * @param maxRequestBytes the largest HTTP body; larger ones get 413
 * @param requestTimeout how long a client may take to send one whole HTTP request (slow-client
 *     guard) and to finish the WebSocket handshake
 * @param idleTimeout how long an idle keep-alive HTTP connection is kept (not WebSockets)
 * @param shutdownGrace how long running steps may take to finish after SIGTERM
 * @param slotRules pings, pong and idle timeouts, and the memory budget for incoming WebSocket
 *     messages: when a session's slot is given back without the client asking
 * @param dialect the OpenEnv release (and mode) whose wire this server speaks
 * @param profile how the benchmark environment models a real one (off by default)
 */
public record ServerConfig(
    String host,
    int port,
    int maxConcurrentEnvs,
    double maxWaitSeconds,
    int maxFrameBytes,
    int maxRequestBytes,
    Duration requestTimeout,
    Duration idleTimeout,
    Duration shutdownGrace,
    SlotRules slotRules,
    Dialect dialect,
    BenchmarkProfile profile) {

  public static final int DEFAULT_PORT = 8000;
  public static final int DEFAULT_MAX_CONCURRENT_ENVS = 100;
  public static final double DEFAULT_MAX_WAIT_SECONDS = 600;

  public ServerConfig {
    require(port >= 0 && port <= 65535, "port must be 0..65535, got " + port);
    require(maxConcurrentEnvs >= 1, "max concurrent envs must be >= 1, got " + maxConcurrentEnvs);
    require(
        maxWaitSeconds >= 0 && Double.isFinite(maxWaitSeconds),
        "max wait seconds must be finite and >= 0, got " + maxWaitSeconds);
    require(maxFrameBytes >= 1024, "max frame bytes must be >= 1024, got " + maxFrameBytes);
    require(maxRequestBytes >= 1024, "max request bytes must be >= 1024, got " + maxRequestBytes);
    require(host != null && !host.isBlank(), "host must not be empty");
    require(slotRules != null, "slot rules must be given");
    require(dialect != null, "an OpenEnv dialect must be given");
    require(profile != null, "benchmark profile must be given");
  }

  /** Defaults for everything but the address and the session cap. */
  public static ServerConfig of(String host, int port, int maxConcurrentEnvs) {
    return new ServerConfig(
        host,
        port,
        maxConcurrentEnvs,
        DEFAULT_MAX_WAIT_SECONDS,
        MessageLimit.MAX_BYTES,
        1024 * 1024,
        Duration.ofSeconds(30),
        Duration.ofSeconds(75),
        Duration.ofSeconds(30),
        SlotRules.defaults(),
        Dialect.newest(),
        BenchmarkProfile.PLAIN);
  }

  public ServerConfig withMaxWaitSeconds(double seconds) {
    return new ServerConfig(
        host,
        port,
        maxConcurrentEnvs,
        seconds,
        maxFrameBytes,
        maxRequestBytes,
        requestTimeout,
        idleTimeout,
        shutdownGrace,
        slotRules,
        dialect,
        profile);
  }

  public ServerConfig withLimits(
      int frameBytes, int requestBytes, Duration request, Duration idle) {
    return new ServerConfig(
        host,
        port,
        maxConcurrentEnvs,
        maxWaitSeconds,
        frameBytes,
        requestBytes,
        request,
        idle,
        shutdownGrace,
        slotRules,
        dialect,
        profile);
  }

  public ServerConfig withShutdownGrace(Duration grace) {
    return new ServerConfig(
        host,
        port,
        maxConcurrentEnvs,
        maxWaitSeconds,
        maxFrameBytes,
        maxRequestBytes,
        requestTimeout,
        idleTimeout,
        grace,
        slotRules,
        dialect,
        profile);
  }

  public ServerConfig withSlotRules(SlotRules rules) {
    return new ServerConfig(
        host,
        port,
        maxConcurrentEnvs,
        maxWaitSeconds,
        maxFrameBytes,
        maxRequestBytes,
        requestTimeout,
        idleTimeout,
        shutdownGrace,
        rules,
        dialect,
        profile);
  }

  public ServerConfig withDialect(Dialect openenv) {
    return new ServerConfig(
        host,
        port,
        maxConcurrentEnvs,
        maxWaitSeconds,
        maxFrameBytes,
        maxRequestBytes,
        requestTimeout,
        idleTimeout,
        shutdownGrace,
        slotRules,
        openenv,
        profile);
  }

  public ServerConfig withProfile(BenchmarkProfile p) {
    return new ServerConfig(
        host,
        port,
        maxConcurrentEnvs,
        maxWaitSeconds,
        maxFrameBytes,
        maxRequestBytes,
        requestTimeout,
        idleTimeout,
        shutdownGrace,
        slotRules,
        dialect,
        p);
  }

  /** {@code http://host:port} for this host, with an IPv6 host in brackets. */
  public String url(int port) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
