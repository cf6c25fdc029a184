package dev.openenvbench.results;

/**
 * What became of the slots of a cell's abandoned sessions ({@code run --abandon}), as the probe
 * after them read it from the server's own counts.
 *
 * @param abandoned sessions that vanished mid-step
 * @param how {@code close}, {@code reset} or {@code silent}; null when none were abandoned
 * @param probe where the counts came from: {@link #METRICS} (the server's {@code
 *     openenv_sessions_active}, polled every 0.1 s from the last abandonment on), {@link #REFUSAL}
 *     (after the cell, N + 1 probe sessions at once, so that one is refused with {@code
 *     CAPACITY_REACHED}, whose max count less the probes admitted is what is taken), or null when
 *     none were abandoned or the server counts neither way
 * @param slotsHeld slots still taken by the end of the probe beyond what the cell's live sessions
 *     explain (0 when recovered); null when unknown (nothing abandoned, or a refusal probe that was
 *     never refused)
 * @param recoverySeconds from the last abandonment to the first probe that found every abandoned
 *     slot given back; null when they were not within the probe's time (or nothing was abandoned)
 */
public record AbandonedSlots(
    int abandoned, String how, String probe, Double recoverySeconds, Integer slotsHeld) {
  public static final AbandonedSlots NONE = new AbandonedSlots(0, null, null, null, null);
  public static final String METRICS = "metrics";
  public static final String REFUSAL = "refusal";
}
