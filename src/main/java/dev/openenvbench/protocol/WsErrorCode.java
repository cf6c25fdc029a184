package dev.openenvbench.protocol;

/**
 * The seven {@code data.code} values of an OpenEnv {@code /ws} error frame (docs/protocol.md §5.4),
 * with whether the server closes the socket after sending it.
 */
public enum WsErrorCode {
  INVALID_JSON(false),
  UNKNOWN_TYPE(false),
  VALIDATION_ERROR(false),
  EXECUTION_ERROR(false),
  CAPACITY_REACHED(true),
  FACTORY_ERROR(true),
  SESSION_ERROR(true);

  private final boolean closesSession;

  WsErrorCode(boolean closesSession) {
    this.closesSession = closesSession;
  }

  public boolean closesSession() {
    return closesSession;
  }
}
