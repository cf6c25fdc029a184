package dev.openenvbench.results;

import java.util.Arrays;

/**
 * The values of one row of a result file, indexed by its schema's fields. Immutable; a field that
 * was not set (or that the file did not have) reads as its {@link Field#absent()} value.
 */
public abstract class Row {
  private final Schema schema;
  private final Object[] values;

  Row(Schema schema, Object[] values) {
    this.schema = schema;
    this.values = values;
  }

  public final <T> T get(Field<T> f) {
    if (!f.file().equals(schema.file())) {
      throw new IllegalArgumentException(f.name() + " is a field of " + f.file());
    }
    Object v = values[f.index()];
    return v == null ? f.absent() : f.kind().javaType().cast(v);
  }

  /** The value as written, without the {@link Field#absent()} default (null when not set). */
  final Object raw(Field<?> f) {
    return values[f.index()];
  }

  final Object[] copyOfValues() {
    return Arrays.copyOf(values, values.length);
  }

  /** Collects values field by field; {@code build} hands them to the row's constructor. */
  public abstract static class Builder<R extends Row, B extends Builder<R, B>> {
    private final Schema schema;
    final Object[] values;

    Builder(Schema schema) {
      this.schema = schema;
      this.values = new Object[schema.size()];
    }

    Builder(Schema schema, Object[] values) {
      this.schema = schema;
      this.values = values;
    }

    @SuppressWarnings("unchecked")
    public final <T> B set(Field<T> f, T value) {
      if (!f.file().equals(schema.file())) {
        throw new IllegalArgumentException(f.name() + " is a field of " + f.file());
      }
      values[f.index()] = value;
      return (B) this;
    }

    public abstract R build();
  }
}
