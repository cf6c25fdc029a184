package dev.openenvbench.loadgen;

import java.util.function.Consumer;

/**
 * Everything a session driver needs besides the transport: what to do, the clock to stamp phases
 * with, the gate before the first step, live counters, and where the one result goes.
 */
public record SessionContext(
    SessionSpec spec,
    NanoClock clock,
    StepGate gate,
    CellProgress progress,
    Consumer<SessionResult> sink) {}
