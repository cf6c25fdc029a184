package dev.openenvbench.loadgen;

/**
 * What one session must do: connect to {@code target}, reset, step {@code steps} times asking to
 * wait {@code waitSeconds}, close; each reply awaited at most {@code timeoutSeconds}.
 */
public record SessionSpec(
    int requestId, Target target, double waitSeconds, int steps, double timeoutSeconds) {}
