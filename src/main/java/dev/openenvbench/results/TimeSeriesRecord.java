package dev.openenvbench.results;

/** One row of {@code timeseries.csv}, column by column as {@link TimeSeriesColumns} declares. */
public final class TimeSeriesRecord extends Row {
  private TimeSeriesRecord(Object[] values) {
    super(TimeSeriesColumns.SCHEMA, values);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a row column by column; columns not set are empty. */
  public static final class Builder extends Row.Builder<TimeSeriesRecord, Builder> {
    private Builder() {
      super(TimeSeriesColumns.SCHEMA);
    }

    @Override
    public TimeSeriesRecord build() {
      return new TimeSeriesRecord(values.clone());
    }
  }
}
