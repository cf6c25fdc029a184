package dev.openenvbench.protocol;

/**
 * The largest message of the OpenEnv wire: 16 MiB, the {@code max_size} of the websockets library
 * under OpenEnv's uvicorn server (docs/protocol.md §5), for a WebSocket message and, on the
 * harness's side, for an HTTP reply too (an observation is the same JSON either way).
 */
public final class MessageLimit {
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  private MessageLimit() {}
}
