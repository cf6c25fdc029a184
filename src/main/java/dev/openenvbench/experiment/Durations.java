package dev.openenvbench.experiment;

import java.util.Locale;

/** Durations for people: {@code 45 s}, {@code 12 min}, {@code 3 h 05 min}. */
final class Durations {
  private Durations() {}

  static String of(double seconds) {
    long s = Math.round(Math.ceil(seconds));
    if (s < 60) return s + " s";
    long min = (s + 59) / 60;
    if (min < 60) return min + " min";
    return String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
  }
}
