package dev.openenvbench.server;

import dev.openenvbench.env.BenchmarkVariant;
import dev.openenvbench.env.Environment;
import dev.openenvbench.env.HostIdentity;
import dev.openenvbench.protocol.StepResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmark's actions on an environment whose code blocks, as an OpenEnv author writes it, and
 * that records what the server did to it: its step sleeps {@code wait_seconds} on its thread
 * (waking at an interrupt, or, if built to, ignoring interrupts until the step is released); its
 * factory can be held until the test lets it go. Thread-safe.
 */
final class BlockingEnvironmentType extends BenchmarkVariant {
  private final boolean ignoresInterrupts;

  /** Released by the test to let a factory call return; open unless {@link #holdFactory()}. */
  private volatile CountDownLatch factoryGate = new CountDownLatch(0);

  /** Released by the test to end a step that ignores interrupts. */
  final CountDownLatch stepRelease = new CountDownLatch(1);

  final CountDownLatch factoryStarted = new CountDownLatch(1);
  final CountDownLatch stepStarted = new CountDownLatch(1);
  final CountDownLatch closed = new CountDownLatch(1);
  final AtomicInteger stepsRunning = new AtomicInteger();
  final AtomicBoolean stepInterrupted = new AtomicBoolean();

  /** Set when close() was called while a step of the same instance was still running. */
  final AtomicBoolean closedDuringStep = new AtomicBoolean();

  final AtomicReference<Thread> closeThread = new AtomicReference<>();

  BlockingEnvironmentType(HostIdentity host, boolean ignoresInterrupts) {
    super(host);
    this.ignoresInterrupts = ignoresInterrupts;
  }

  void holdFactory() {
    factoryGate = new CountDownLatch(1);
  }

  void releaseFactory() {
    factoryGate.countDown();
  }

  @Override
  public String factoryName() {
    return "BlockingEnvironment";
  }

  @Override
  public Environment create() throws Exception {
    factoryStarted.countDown();
    factoryGate.await();
    Environment inner = benchmark.create();
    return new Environment() {
      @Override
      public StepResult reset(ObjectNode options) throws Exception {
        return inner.reset(options);
      }

      @Override
      public StepResult step(Map<String, Object> action) throws Exception {
        stepsRunning.incrementAndGet();
        stepStarted.countDown();
        try {
          sleep(Duration.ofNanos(Math.round((Double) action.get("wait_seconds") * 1e9)));
          return inner.step(Map.of("wait_seconds", 0.0));
        } finally {
          stepsRunning.decrementAndGet();
        }
      }

      @Override
      public Map<String, Object> state() throws Exception {
        return inner.state();
      }

      @Override
      public void close() {
        closeThread.set(Thread.currentThread());
        closedDuringStep.compareAndSet(false, stepsRunning.get() > 0);
        inner.close();
        closed.countDown();
      }
    };
  }

  private void sleep(Duration wait) throws InterruptedException {
    if (!ignoresInterrupts) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        stepInterrupted.set(true);
        throw e;
      }
      return;
    }
    while (true) {
      try {
        stepRelease.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        return;
      } catch (InterruptedException e) {
        stepInterrupted.set(true); // noted, and ignored: the step goes on
      }
    }
  }
}
