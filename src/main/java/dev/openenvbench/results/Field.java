package dev.openenvbench.results;

/**
 * One field of a result file (a key of raw.jsonl, a column of summary.csv), declared once in its
 * file's schema ({@link RawFields}, {@link SummaryColumns}) and used by every writer and reader.
 *
 * @param file the file it belongs to, e.g. {@code summary.csv}
 * @param index its position in the file's schema (CSV column order, JSON key order)
 * @param unit {@code s}, {@code ms}, {@code 1/s}, {@code fraction}, {@code count}, or "" for none
 * @param since the first format version that writes it: {@link FormatVersion#SEED} for the seed
 *     harness's own fields
 * @param role what the field says about its row
 * @param absent the value a row has when its file has no such field (the seed's files, older
 *     versions): mostly null, "unknown"; a default where the seed's meaning is known (one step)
 */
public record Field<T>(
    String file,
    int index,
    String name,
    Kind<T> kind,
    String unit,
    int since,
    Role role,
    String description,
    T absent) {

  /** What a field says about its row. */
  public enum Role {
    /**
     * A setting the user chose (mode, N, wait, steps, ...): rows with the same settings are
     * repetitions of one configuration.
     */
    SETTING,
    /** Tells rows apart without being measured: ids, repetition, timestamps, labels. */
    LABEL,
    /** What was measured. */
    MEASURE
  }

  /** True for the seed harness's own fields, which keep its names, units and order. */
  public boolean seed() {
    return since == FormatVersion.SEED;
  }
}
