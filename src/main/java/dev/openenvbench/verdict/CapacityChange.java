package dev.openenvbench.verdict;

import dev.openenvbench.results.CapacityFile.Answer;
import java.util.Optional;

/**
 * A capacity search's answer for one mode × wait in both folders' capacity.json. Each answer is a
 * bracket: the true capacity is at least the N that passed every run and below the N that failed
 * one. A drop is a regression only when the brackets do not overlap the bad way (the candidate
 * failed at an N the base held in every run) and, with {@code --tolerance}, the drop is also more
 * than that share of the base's capacity. An answer that is only a lower bound (the harness was
 * saturated, or nothing failed) is flagged and not compared: it does not say where the limit is.
 *
 * @param tolerance relative band (0.1 = 10 %), NaN for none
 */
public record CapacityChange(Answer base, Answer candidate, double tolerance) {

  /** What the change is. */
  public enum Kind {
    REGRESSION,
    IMPROVEMENT,
    /** The brackets overlap (or the change is within --tolerance): not told from noise. */
    WITHIN_BRACKET,
    /** A side is a lower bound: flagged, not compared. */
    NOT_COMPARED
  }

  /** Why the answers are not compared (a lower bound on a side), or empty. */
  public Optional<String> flag() {
    if (base.atLeast()) return Optional.of("base is " + base.whyAtLeast());
    if (candidate.atLeast()) return Optional.of("candidate is " + candidate.whyAtLeast());
    return Optional.empty();
  }

  /** Candidate minus base capacity, in sessions. */
  public int delta() {
    return candidate.capacity() - base.capacity();
  }

  /** The part of a change {@code --tolerance} allows, in sessions; 0 without one. */
  public double band() {
    return Double.isNaN(tolerance) ? 0 : tolerance * base.capacity();
  }

  public Kind kind() {
    if (flag().isPresent()) return Kind.NOT_COMPARED;
    if (Math.abs(delta()) <= band()) return Kind.WITHIN_BRACKET;
    // Exact answers have a failing N (fail > 0): below it is where that side stopped holding.
    if (delta() < 0 && candidate.fail() <= base.capacity()) return Kind.REGRESSION;
    if (delta() > 0 && base.fail() <= candidate.capacity()) return Kind.IMPROVEMENT;
    return Kind.WITHIN_BRACKET;
  }

  public boolean regressed() {
    return kind() == Kind.REGRESSION;
  }

  /** The verdict in words, e.g. "REGRESSION: the candidate failed at 95, which the base held". */
  public String verdict() {
    return switch (kind()) {
      case REGRESSION ->
          "REGRESSION: the candidate failed at N="
              + candidate.fail()
              + ", which the base held in every run"
              + (Double.isNaN(tolerance) ? "" : ", by more than --tolerance");
      case IMPROVEMENT ->
          "improved: the candidate held N=" + candidate.capacity() + ", which the base failed";
      case WITHIN_BRACKET ->
          delta() == 0
              ? "ok: the same"
              : "ok: within the brackets" + (band() > 0 ? " or --tolerance" : "");
      case NOT_COMPARED -> "not compared: " + flag().orElseThrow();
    };
  }
}
