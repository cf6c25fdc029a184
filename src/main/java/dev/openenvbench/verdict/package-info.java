/**
 * Verdicts from result files: {@code --threshold} bounds checked per configuration ({@link
 * dev.openenvbench.verdict.Thresholds}, {@link dev.openenvbench.verdict.JUnitXml}), with the
 * repetitions combined by the report's one rule ({@link dev.openenvbench.report.Repetitions}).
 * Reads summary rows only; never talks to a server.
 */
package dev.openenvbench.verdict;
