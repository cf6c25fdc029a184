package dev.openenvbench.cli;

import dev.openenvbench.env.BenchmarkProfile;
import dev.openenvbench.launch.ChildJvm;
import dev.openenvbench.launch.ServeArgs;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.Dialect;
import dev.openenvbench.server.PortSharing;
import dev.openenvbench.server.ServerConfig;
import dev.openenvbench.server.ShutdownSignal;
import dev.openenvbench.server.SlotRules;
import dev.openenvbench.server.WorkerSupervisor;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openenv-bench serve}: the OpenEnv-compatible benchmark environment server. */
@Command(
    name = ServeArgs.COMMAND,
    mixinStandardHelpOptions = true,
    description = {
      "Serve the OpenEnv benchmark environment (action {\"wait_seconds\": float}) over HTTP and",
      "WebSocket, compatible with OpenEnv clients. Prints '" + ChildJvm.SERVE_READY + "<url>'",
      "on stdout when ready; SIGTERM/SIGINT stop it gracefully (exit 0).",
      "Each option also reads the environment variable named in its description."
    })
public final class ServeCommand implements Callable<Integer> {
  @Option(
      names = ServeArgs.HOST,
      defaultValue = "${env:HOST:-127.0.0.1}",
      description =
          "Address to listen on (env HOST). Default: ${DEFAULT-VALUE}; use 0.0.0.0 in containers.")
  String host;

  @Option(
      names = ServeArgs.PORT,
      defaultValue = "${env:PORT:-8000}",
      description = "Port (env PORT); 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = ServeArgs.WORKERS,
      defaultValue = "${env:WORKERS:-1}",
      description =
          "Worker processes sharing the port via SO_REUSEPORT, with each other only (env WORKERS). Default: ${DEFAULT-VALUE}.")
  int workers;

  @Option(
      names = ServeArgs.MAX_CONCURRENT_ENVS,
      defaultValue = "${env:MAX_CONCURRENT_ENVS:-100}",
      description =
          "WebSocket sessions per worker before CAPACITY_REACHED (env MAX_CONCURRENT_ENVS). Default: ${DEFAULT-VALUE}.")
  int maxConcurrentEnvs;

  @Option(
      names = ServeArgs.MAX_WAIT_SECONDS,
      defaultValue = "${env:MAX_WAIT_SECONDS:-600}",
      description =
          "Largest wait_seconds a step accepts (env MAX_WAIT_SECONDS). Default: ${DEFAULT-VALUE}.")
  double maxWaitSeconds;

  @Option(
      names = ServeArgs.SHUTDOWN_GRACE_SECONDS,
      defaultValue = "30",
      description =
          "On SIGTERM, how long running steps may take to finish. Default: ${DEFAULT-VALUE}.")
  long graceSeconds;

  @Option(
      names = ServeArgs.PING_SECONDS,
      defaultValue = "${env:PING_SECONDS:-20}",
      description =
          "Ping a WebSocket session after this many seconds without a message from it, and then as"
              + " often, as uvicorn does (env PING_SECONDS); 0 = no pings. Default: ${DEFAULT-VALUE}.")
  double pingSeconds;

  @Option(
      names = ServeArgs.PONG_TIMEOUT_SECONDS,
      defaultValue = "${env:PONG_TIMEOUT_SECONDS:-60}",
      description =
          "Drop a session (close 1011) from which nothing has arrived this many seconds after a"
              + " ping; its slot is freed (env PONG_TIMEOUT_SECONDS). Default: ${DEFAULT-VALUE}.")
  double pongTimeoutSeconds;

  @Option(
      names = ServeArgs.SESSION_IDLE_TIMEOUT,
      defaultValue = "${env:SESSION_IDLE_TIMEOUT:-0}",
      paramLabel = "SECONDS",
      description =
          "Close a session (1001) that has sent no message and waited for no reply for this many"
              + " seconds, even if it answers pings (env SESSION_IDLE_TIMEOUT); 0 = never, as"
              + " OpenEnv. Default: ${DEFAULT-VALUE}.")
  double sessionIdleTimeoutSeconds;

  @Option(
      names = ServeArgs.WS_BUFFER_MIB,
      defaultValue = "${env:WS_BUFFER_MIB:-0}",
      description =
          "Memory (MiB) a worker gives WebSocket messages still arriving, over all its"
              + " connections; a connection past it is closed with 1013 (env WS_BUFFER_MIB);"
              + " 0 = a quarter of the max heap. Default: ${DEFAULT-VALUE}.")
  long wsBufferMib;

  @Option(
      names = ServeArgs.OPENENV_VERSION,
      defaultValue = "${env:OPENENV_VERSION:-0.10}",
      paramLabel = "RELEASE",
      description =
          "The openenv release whose server wire to speak, 0.3 to 0.10 (env OPENENV_VERSION):"
              + " 0.4+ observation metadata, 0.5+ the Task API routes, 0.7+ production mode,"
              + " 0.8+ /schema's reset_observation. openenv-core 0.3.0 is openenv 0.3.1."
              + " Default: ${DEFAULT-VALUE} (the newest).")
  String openenvVersion;

  @Option(
      names = ServeArgs.MODE,
      defaultValue = "${env:OPENENV_MODE:-simulation}",
      description =
          "simulation or production (env OPENENV_MODE, as OpenEnv); production (0.7+) drops the"
              + " HTTP routes /reset, /step and /state. Default: ${DEFAULT-VALUE}.")
  String mode;

  @Option(
      names = ServeArgs.STEP_CPU_MS,
      defaultValue = "${env:STEP_CPU_MS:-0}",
      paramLabel = "MS",
      description =
          "Model a CPU-bound environment: each step keeps its thread busy this many milliseconds"
              + " before its wait (env STEP_CPU_MS); 0 = off. Default: ${DEFAULT-VALUE}.")
  double stepCpuMillis;

  @Option(
      names = ServeArgs.STEP_POOL_THREADS,
      defaultValue = "${env:STEP_POOL_THREADS:-0}",
      paramLabel = "K",
      description =
          "Model a hidden limiter: every step blocks on one fixed pool of K threads per worker,"
              + " so at most K steps run at once and the rest queue, whatever the session cap"
              + " (env STEP_POOL_THREADS); 0 = off. Default: ${DEFAULT-VALUE}.")
  int stepPoolThreads;

  @Option(
      names = ServeArgs.OBSERVATION_BYTES,
      defaultValue = "${env:OBSERVATION_BYTES:-0}",
      paramLabel = "BYTES",
      description =
          "Model a large observation: add a 'payload' string of this many bytes to every"
              + " observation (env OBSERVATION_BYTES); 0 = off, the seed's observation. Default:"
              + " ${DEFAULT-VALUE}.")
  int observationBytes;

  @Override
  public Integer call() throws Exception {
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
    }
    ServerConfig config = config();
    ShutdownSignal signal = ShutdownSignal.install();
    if (workers > 1) {
      boolean started =
          new WorkerSupervisor(config, workers, Main.childJvm(), System.out, System.err)
              .run(signal);
      return (started ? ExitCode.SUCCESS : ExitCode.INTERNAL_ERROR).code();
    }
    BenchServer server = BenchServer.startBenchmark(config, PortSharing.ofThisProcess());
    System.out.println(ChildJvm.SERVE_READY + server.url());
    System.out.flush();
    // One write for the whole line: printf writes each piece as it formats it, and the workers of
    // serve --workers share this stream, so their lines came out torn into each other.
    System.err.println(
        String.format(
            "openenv-bench serve: pid %d, OpenEnv %s %s, %d sessions max, wait_seconds <= %s; %s; %d MiB"
                + " for incoming WebSocket messages",
            ProcessHandle.current().pid(),
            config.dialect().release(),
            config.dialect().production() ? "production" : "simulation",
            maxConcurrentEnvs,
            maxWaitSeconds,
            config.slotRules().describe(),
            config.slotRules().budgetFor(Runtime.getRuntime().maxMemory(), config.maxFrameBytes())
                / SlotRules.MIB));
    if (!config.profile().describe().isEmpty()) {
      System.err.println("openenv-bench serve: " + config.profile().describe());
    }
    signal.await();
    System.err.println("openenv-bench serve: stopping (grace " + graceSeconds + " s)");
    server.close();
    return ExitCode.SUCCESS.code();
  }

  /** What one server process runs with (validated); {@code --workers} is not part of it. */
  ServerConfig config() {
    return ServerConfig.of(host, port, maxConcurrentEnvs)
        .withMaxWaitSeconds(maxWaitSeconds)
        .withShutdownGrace(Duration.ofSeconds(graceSeconds))
        .withDialect(Dialect.of(openenvVersion, mode))
        .withSlotRules(
            SlotRules.of(pingSeconds, pongTimeoutSeconds, sessionIdleTimeoutSeconds, wsBufferMib))
        .withProfile(new BenchmarkProfile(stepCpuMillis, stepPoolThreads, observationBytes));
  }
}
