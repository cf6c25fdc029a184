package dev.openenvbench.results;

/**
 * One line of {@code raw.jsonl}: what happened to one session, field by field as {@link RawFields}
 * declares them ({@code record.get(RawFields.CONNECT_LATENCY)}). Latencies and offsets are seconds;
 * a null latency means the session never reached that phase. Immutable.
 */
public final class SessionRecord extends Row {
  private SessionRecord(Object[] values) {
    super(RawFields.SCHEMA, values);
  }

  public static Builder builder() {
    return new Builder(new Object[RawFields.ALL.size()]);
  }

  /** A copy to change some fields of (the shard merge re-labels children's rows with its ids). */
  public Builder toBuilder() {
    return new Builder(copyOfValues());
  }

  public boolean success() {
    return Boolean.TRUE.equals(get(RawFields.SUCCESS));
  }

  /** Builds a record field by field; fields not set are null (or their absent default). */
  public static final class Builder extends Row.Builder<SessionRecord, Builder> {
    private Builder(Object[] values) {
      super(RawFields.SCHEMA, values);
    }

    @Override
    public SessionRecord build() {
      return new SessionRecord(values.clone());
    }
  }

  @Override
  public String toString() {
    return RawJsonlWriter.toJson(this);
  }
}
