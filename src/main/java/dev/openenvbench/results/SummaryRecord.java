package dev.openenvbench.results;

import java.util.Locale;

/**
 * One row of {@code summary.csv}, column by column as {@link SummaryColumns} declares them ({@code
 * row.get(SummaryColumns.TOTAL_WALL_TIME)}). Read from any version's file: a column the file did
 * not have reads as its {@link Field#absent()} value (mostly null: unknown, never mistaken for 0).
 * Immutable.
 */
public final class SummaryRecord extends Row {
  private SummaryRecord(Object[] values) {
    super(SummaryColumns.SCHEMA, values);
  }

  public static Builder builder() {
    return new Builder(new Object[SummaryColumns.ALL.size()]);
  }

  /** {@code http} or {@code ws}, lower case whatever the file wrote. */
  public String mode() {
    return get(SummaryColumns.MODE).toLowerCase(Locale.ROOT);
  }

  /** N: {@code num_requests}, or the seed's alias {@code batch_size} when only that is there. */
  public int numRequests() {
    Integer n = get(SummaryColumns.NUM_REQUESTS);
    return n != null && n > 0 ? n : get(SummaryColumns.BATCH_SIZE);
  }

  public Configuration configuration() {
    return Configuration.of(this);
  }

  /** A number column's value, NaN when the file did not say. */
  public double number(Field<Double> f) {
    Double v = get(f);
    return v == null ? Double.NaN : v;
  }

  public boolean flag(Field<Boolean> f) {
    return Boolean.TRUE.equals(get(f));
  }

  /**
   * Successful sessions over the N requested: a session that never finished (the run stopped,
   * {@code incomplete}) counts as not successful. Falls back to {@code 1 - error_rate} for files
   * without counts (a percentage when above 1, as some tools write it).
   */
  public double successRate() {
    Integer ok = get(SummaryColumns.SUCCESSFUL);
    int n = numRequests();
    if (ok != null) {
      Integer failed = get(SummaryColumns.FAILED);
      double denominator = Math.max(n, ok + (failed == null ? 0 : failed));
      return denominator == 0 ? 0 : ok / denominator;
    }
    double errorRate = get(SummaryColumns.ERROR_RATE);
    return 1 - (errorRate > 1 ? errorRate / 100 : errorRate);
  }

  /** Builds a row column by column; columns not set are empty. */
  public static final class Builder extends Row.Builder<SummaryRecord, Builder> {
    private Builder(Object[] values) {
      super(SummaryColumns.SCHEMA, values);
    }

    @Override
    public SummaryRecord build() {
      return new SummaryRecord(values.clone());
    }
  }
}
