package dev.openenvbench.server;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Handles a connection's messages one at a time, in arrival order, even though each is answered
 * asynchronously: the next starts only when the previous reply was written. While one is in
 * progress the channel stops reading, so a client that pipelines is slowed by TCP, not buffered
 * without bound. Confined to the channel's event loop.
 */
final class InOrder<T> {
  private final Channel channel;
  private final Function<T, CompletableFuture<?>> process;
  private final ArrayDeque<T> pending = new ArrayDeque<>();
  private boolean busy;

  InOrder(Channel channel, Function<T, CompletableFuture<?>> process) {
    this.channel = channel;
    this.process = process;
  }

  /** Holds incoming messages until {@link #release()} (e.g. while the session is being built). */
  void hold() {
    busy = true;
    channel.config().setAutoRead(false);
  }

  void release() {
    busy = false;
    next();
  }

  void offer(T message) {
    pending.add(message);
    if (!busy) {
      next();
    }
  }

  private void next() {
    T message = pending.poll();
    if (message == null) {
      channel.config().setAutoRead(true);
      return;
    }
    busy = true;
    channel.config().setAutoRead(false);
    process
        .apply(message)
        .whenComplete((ignored, failure) -> channel.eventLoop().execute(this::release));
  }
}
