package dev.openenvbench.results;

import java.util.Arrays;

/**
 * The largest number of intervals that overlap at one instant, by a sweep over sorted starts and
 * ends. An interval that ends exactly when another starts does not overlap it.
 *
 * <p>Example: steps in [0,1], [0.5,1.5] and [1,2] give 2 (the first two overlap; the third starts
 * as the first ends).
 */
public final class PeakConcurrency {
  private PeakConcurrency() {}

  public static int of(long[] starts, long[] ends, int count) {
    long[] s = Arrays.copyOf(starts, count);
    long[] e = Arrays.copyOf(ends, count);
    Arrays.sort(s);
    Arrays.sort(e);
    int peak = 0;
    int open = 0;
    int j = 0;
    for (int i = 0; i < count; i++) {
      while (j < count && e[j] <= s[i]) {
        open--;
        j++;
      }
      open++;
      peak = Math.max(peak, open);
    }
    return peak;
  }
}
