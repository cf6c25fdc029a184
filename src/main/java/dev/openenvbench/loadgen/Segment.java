package dev.openenvbench.loadgen;

/**
 * Segment {@code index} of {@code count} (0-based) of every cell's sessions: a cell's N sessions,
 * numbered 0 to N − 1, cut into {@code count} contiguous runs of request ids, the first N mod
 * {@code count} of them one session longer. The segments of one cell are disjoint and cover it, so
 * merging their rows gives the cell.
 *
 * <p>A child of {@code run --processes K} runs segment i of K, and so does each of K {@code run
 * --segment I/K} processes on several machines ({@link SegmentRun}). Written {@code I/K} on the
 * command line ({@link #parse}, {@link #format}). For example N = 10, K = 3: segment 0 runs ids
 * 0–3, segment 1 ids 4–6, segment 2 ids 7–9.
 */
public record Segment(int index, int count) {
  public Segment {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "a segment is I/K with 0 <= I < K, not " + index + "/" + count);
    }
  }

  /** Reads {@code I/K}, e.g. {@code 0/3}. */
  public static Segment parse(String text) {
    int slash = text.indexOf('/');
    try {
      if (slash < 0) throw new NumberFormatException();
      return new Segment(
          Integer.parseInt(text.substring(0, slash).strip()),
          Integer.parseInt(text.substring(slash + 1).strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a segment is I/K with 0 <= I < K, e.g. 0/3, not '" + text + "'");
    }
  }

  /** {@code I/K}, as {@link #parse} reads it. */
  public String format() {
    return index + "/" + count;
  }

  /** How many of a cell's {@code sessions} this segment runs. */
  public int share(int sessions) {
    return sessions / count + (index < sessions % count ? 1 : 0);
  }

  /** The request id of this segment's first session in a cell of {@code sessions}. */
  public int firstRequestId(int sessions) {
    return index * (sessions / count) + Math.min(index, sessions % count);
  }
}
