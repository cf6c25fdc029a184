package dev.openenvbench.results;

/** Summary of one phase's histogram; every value in seconds. */
public record PhaseStats(
    double p50,
    double p90,
    double p95,
    double p99,
    double min,
    double max,
    double avg,
    long count) {}
