package dev.openenvbench.server;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Handles a connection's messages one at a time, in arrival order, even though each is answered
 * asynchronously: the next starts only when the previous reply was written. While one is in
 * progress the channel goes on reading, so that pongs, close frames and a vanished client are seen
 * during a long step; it stops reading as soon as a message is waiting, so a client that pipelines
 * is slowed by TCP, not buffered without bound. Confined to the channel's event loop.
 */
final class InOrder<T> {
  private final Channel channel;
  private final Function<T, CompletableFuture<?>> process;
  private final ArrayDeque<T> pending = new ArrayDeque<>();
  private boolean busy;
  private boolean reading;

  InOrder(Channel channel, Function<T, CompletableFuture<?>> process) {
    this.channel = channel;
    this.process = process;
    this.reading = channel.config().isAutoRead();
  }

  /** Holds incoming messages until {@link #release()} (e.g. while the session is being built). */
  void hold() {
    busy = true;
  }

  void release() {
    busy = false;
    next();
  }

  /** Whether a message is being answered, or messages are held: the client is waiting for us. */
  boolean busy() {
    return busy;
  }

  void offer(T message) {
    pending.add(message);
    if (busy) {
      read(false);
    } else {
      next();
    }
  }

  private void next() {
    T message = pending.poll();
    if (message == null) {
      return;
    }
    if (pending.isEmpty()) {
      read(true);
    }
    busy = true;
    process
        .apply(message)
        .whenComplete((ignored, failure) -> channel.eventLoop().execute(this::release));
  }

  /** Reading is off exactly while a message waits its turn. */
  private void read(boolean on) {
    if (reading != on) {
      reading = on;
      channel.config().setAutoRead(on);
    }
  }
}
