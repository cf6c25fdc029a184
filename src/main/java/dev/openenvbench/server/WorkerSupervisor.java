package dev.openenvbench.server;

import dev.openenvbench.launch.ChildCommand;
import dev.openenvbench.launch.ChildJvm;
import dev.openenvbench.launch.ServeArgs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve --workers N}: runs N worker processes listening on one port with SO_REUSEPORT, like
 * {@code uvicorn --workers N}. Each has its own session cap, pid and 20,000-file budget. The port
 * is theirs alone: the supervisor refuses a port in use and holds its own for them ({@link
 * PortClaim}). A worker that dies is restarted; SIGTERM is forwarded and the supervisor waits for
 * all. Workers watch the supervisor and stop when it dies ({@code launch.ParentWatch}).
 */
public final class WorkerSupervisor {
  private final ServerConfig config;
  private final int workers;
  private final ChildJvm jvm;
  private final PrintStream out;
  private final PrintStream log;
  private final List<Process> processes = new ArrayList<>();
  private volatile boolean stopping;

  /**
   * @param jvm how to start a worker (a child {@code serve})
   */
  public WorkerSupervisor(
      ServerConfig config, int workers, ChildJvm jvm, PrintStream out, PrintStream log) {
    this.config = config;
    this.workers = workers;
    this.jvm = jvm;
    this.out = out;
    this.log = log;
  }

  /**
   * Starts the workers, waits for a shutdown signal, stops them.
   *
   * @return false when the workers did not start within 60 s (they are stopped again)
   * @throws IllegalArgumentException when the port is in use (no worker is started)
   */
  public boolean run(ShutdownSignal signal) throws IOException, InterruptedException {
    try (PortClaim claim = PortClaim.forWorkers(config.host(), config.port())) {
      return runWorkers(claim.port(), signal);
    }
  }

  private boolean runWorkers(int port, ShutdownSignal signal)
      throws IOException, InterruptedException {
    CountDownLatch ready = new CountDownLatch(workers);
    for (int i = 0; i < workers; i++) {
      startWorker(i, port, ready);
    }
    if (!ready.await(60, TimeUnit.SECONDS)) {
      log.println("openenv-bench serve: workers did not start within 60 s; stopping");
      stopAll();
      return false;
    }
    out.println(ChildJvm.SERVE_READY + config.url(port));
    out.flush();
    log.println(
        "openenv-bench serve: "
            + workers
            + " workers, pids "
            + pids()
            + ", "
            + config.maxConcurrentEnvs()
            + " sessions each");
    signal.await();
    stopAll();
    return true;
  }

  private synchronized String pids() {
    return processes.stream().map(p -> Long.toString(p.pid())).toList().toString();
  }

  private synchronized void startWorker(int index, int port, CountDownLatch ready)
      throws IOException {
    Process process =
        jvm.processBuilder(workerCommand(config, port))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (index < processes.size()) {
      processes.set(index, process);
    } else {
      processes.add(process);
    }
    Thread.ofPlatform()
        .daemon()
        .name("worker-" + index + "-stdout")
        .start(() -> pumpStdout(process, ready));
    process.onExit().thenAccept(p -> onWorkerExit(index, port, p));
  }

  private void pumpStdout(Process process, CountDownLatch ready) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith(ChildJvm.SERVE_READY)) {
          ready.countDown();
        } else {
          out.println(line);
        }
      }
    } catch (IOException e) {
      // the worker went away; onWorkerExit reports it
    }
  }

  private void onWorkerExit(int index, int port, Process dead) {
    if (stopping) {
      return;
    }
    log.println(
        "openenv-bench serve: worker pid "
            + dead.pid()
            + " exited with "
            + dead.exitValue()
            + "; restarting it in 1 s");
    try {
      TimeUnit.SECONDS.sleep(1);
      if (!stopping) {
        startWorker(index, port, new CountDownLatch(1));
      }
    } catch (IOException | InterruptedException e) {
      log.println("openenv-bench serve: could not restart worker " + index + ": " + e.getMessage());
    }
  }

  private void stopAll() throws InterruptedException {
    stopping = true;
    List<Process> snapshot;
    synchronized (this) {
      snapshot = List.copyOf(processes);
    }
    snapshot.forEach(Process::destroy); // SIGTERM: each worker shuts down gracefully
    long waitSeconds = config.shutdownGrace().toSeconds() + 10;
    for (Process p : snapshot) {
      if (!p.waitFor(waitSeconds, TimeUnit.SECONDS)) {
        log.println("openenv-bench serve: worker pid " + p.pid() + " did not stop; killing it");
        p.destroyForcibly().waitFor();
      }
    }
  }

  /**
   * The command line of one worker: a single-process {@code serve} on {@code port}, with the
   * supervisor's session cap, wait limit, grace, slot rules and OpenEnv dialect, told in its
   * environment that it is this process's worker (so it binds the port with SO_REUSEPORT, as every
   * worker does).
   */
  public static ChildCommand workerCommand(ServerConfig config, int port) {
    SlotRules rules = config.slotRules();
    return ServeArgs.serve()
        .workers(1)
        .host(config.host())
        .port(port)
        .maxConcurrentEnvs(config.maxConcurrentEnvs())
        .maxWaitSeconds(config.maxWaitSeconds())
        .shutdownGraceSeconds(config.shutdownGrace().toSeconds())
        .pingSeconds(seconds(rules.pingInterval()))
        .pongTimeoutSeconds(seconds(rules.pongTimeout()))
        .sessionIdleTimeoutSeconds(seconds(rules.sessionIdleTimeout()))
        // 0 stays 0: each worker then derives its budget from its own heap.
        .wsBufferMib(rules.receiveBudgetBytes() / SlotRules.MIB)
        .openenvVersion(config.dialect().release().toString())
        .mode(config.dialect().mode())
        .profile(
            config.profile().stepCpuMillis(),
            config.profile().stepPoolThreads(),
            config.profile().observationBytes())
        .workerOf(ProcessHandle.current().pid())
        .build();
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
