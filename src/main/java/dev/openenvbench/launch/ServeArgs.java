package dev.openenvbench.launch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of a child {@code serve}. Each option name is declared here once, for {@code
 * cli.ServeCommand}'s annotations and for the two places that start a {@code serve}: a worker of
 * {@code serve --workers} (server) and the local server of {@code run} (loadgen). It lives in this
 * package because those two may import neither each other nor the CLI; a renamed option then
 * renames every use, and a test parses what the builder writes with the real parser.
 *
 * <p>Options left unset are not written, so the child takes its own default (or environment
 * variable) for them. Not thread-safe; one builder per command line.
 */
public final class ServeArgs {
  public static final String COMMAND = "serve";
  public static final String HOST = "--host";
  public static final String PORT = "--port";
  public static final String WORKERS = "--workers";
  public static final String MAX_CONCURRENT_ENVS = "--max-concurrent-envs";
  public static final String MAX_WAIT_SECONDS = "--max-wait-seconds";
  public static final String SHUTDOWN_GRACE_SECONDS = "--shutdown-grace-seconds";
  public static final String PING_SECONDS = "--ping-seconds";
  public static final String PONG_TIMEOUT_SECONDS = "--pong-timeout-seconds";
  public static final String SESSION_IDLE_TIMEOUT = "--session-idle-timeout";
  public static final String WS_BUFFER_MIB = "--ws-buffer-mib";
  public static final String OPENENV_VERSION = "--openenv-version";
  public static final String MODE = "--mode";
  public static final String STEP_CPU_MS = "--step-cpu-ms";
  public static final String STEP_POOL_THREADS = "--step-pool-threads";
  public static final String OBSERVATION_BYTES = "--observation-bytes";

  /**
   * Makes a {@code serve} a worker of a {@code serve --workers} supervisor: its value is the
   * supervisor's pid, and a {@code serve} whose parent has that pid shares its port (SO_REUSEPORT)
   * with the supervisor's other workers; every other {@code serve} binds its port alone. An
   * environment variable rather than an option, so that a command line copied from {@code ps}
   * starts a server that refuses a taken port instead of joining it.
   */
  public static final String WORKER_OF_ENV = "OPENENV_BENCH_WORKER_OF";

  private final List<String> args = new ArrayList<>(List.of(COMMAND));
  private final Map<String, String> environment = new HashMap<>();

  private ServeArgs() {}

  public static ServeArgs serve() {
    return new ServeArgs();
  }

  public ServeArgs host(String host) {
    return add(HOST, host);
  }

  /** 0 picks a free port. */
  public ServeArgs port(int port) {
    return add(PORT, Integer.toString(port));
  }

  public ServeArgs workers(int workers) {
    return add(WORKERS, Integer.toString(workers));
  }

  public ServeArgs maxConcurrentEnvs(int sessions) {
    return add(MAX_CONCURRENT_ENVS, Integer.toString(sessions));
  }

  public ServeArgs maxWaitSeconds(double seconds) {
    return add(MAX_WAIT_SECONDS, Double.toString(seconds));
  }

  public ServeArgs shutdownGraceSeconds(long seconds) {
    return add(SHUTDOWN_GRACE_SECONDS, Long.toString(seconds));
  }

  /** This {@code serve} is a worker of the supervisor with pid {@code supervisorPid}. */
  public ServeArgs workerOf(long supervisorPid) {
    environment.put(WORKER_OF_ENV, Long.toString(supervisorPid));
    return this;
  }

  /** 0 turns pings off. */
  public ServeArgs pingSeconds(double seconds) {
    return add(PING_SECONDS, Double.toString(seconds));
  }

  public ServeArgs pongTimeoutSeconds(double seconds) {
    return add(PONG_TIMEOUT_SECONDS, Double.toString(seconds));
  }

  /** 0 turns the idle timeout off. */
  public ServeArgs sessionIdleTimeoutSeconds(double seconds) {
    return add(SESSION_IDLE_TIMEOUT, Double.toString(seconds));
  }

  /** 0 lets the child derive it from its own heap. */
  public ServeArgs wsBufferMib(long mib) {
    return add(WS_BUFFER_MIB, Long.toString(mib));
  }

  /** The OpenEnv release whose wire the child speaks, e.g. {@code 0.10.0}. */
  public ServeArgs openenvVersion(String release) {
    return add(OPENENV_VERSION, release);
  }

  /** {@code simulation} or {@code production}. */
  public ServeArgs mode(String mode) {
    return add(MODE, mode);
  }

  /**
   * The benchmark environment's modelling knobs; those at 0 (off) are not written, so a plain
   * server's command line is unchanged.
   */
  public ServeArgs profile(double stepCpuMillis, int stepPoolThreads, int observationBytes) {
    if (stepCpuMillis > 0) add(STEP_CPU_MS, Double.toString(stepCpuMillis));
    if (stepPoolThreads > 0) add(STEP_POOL_THREADS, Integer.toString(stepPoolThreads));
    if (observationBytes > 0) add(OBSERVATION_BYTES, Integer.toString(observationBytes));
    return this;
  }

  public ChildCommand build() {
    return new ChildCommand(args, environment);
  }

  private ServeArgs add(String option, String value) {
    args.add(option);
    args.add(value);
    return this;
  }
}
