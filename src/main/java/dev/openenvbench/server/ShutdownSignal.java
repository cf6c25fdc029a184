package dev.openenvbench.server;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a latch, so that {@code serve} can shut down gracefully and exit 0
 * (a JVM shutdown hook would exit 143 on SIGTERM, which process managers report as a failure).
 */
public final class ShutdownSignal {
  private final CountDownLatch received = new CountDownLatch(1);

  /** Installs the handlers for this process; later signals are ignored once one arrived. */
  public static ShutdownSignal install() {
    ShutdownSignal signal = new ShutdownSignal();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), s -> signal.received.countDown());
    }
    return signal;
  }

  public void await() throws InterruptedException {
    received.await();
  }
}
