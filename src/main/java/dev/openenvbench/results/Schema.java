package dev.openenvbench.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered fields of one result file. Built once by the file's declaration class ({@link
 * RawFields}, {@link SummaryColumns}); writers emit fields in this order, readers look them up by
 * name, and {@link #names(int)} gives the exact layout each format version wrote.
 */
public final class Schema {
  private final String file;
  private final List<Field<?>> fields = new ArrayList<>();
  private final Map<String, Field<?>> byName = new HashMap<>();

  Schema(String file) {
    this.file = file;
  }

  /** Declares the next field; called in file order by the declaration class's static fields. */
  <T> Field<T> add(
      String name, Kind<T> kind, String unit, int since, Field.Role role, String doc, T absent) {
    Field<T> f = new Field<>(file, fields.size(), name, kind, unit, since, role, doc, absent);
    if (byName.putIfAbsent(name, f) != null) {
      throw new IllegalStateException(file + " declares " + name + " twice");
    }
    fields.add(f);
    return f;
  }

  public String file() {
    return file;
  }

  public List<Field<?>> fields() {
    return List.copyOf(fields);
  }

  /** The field of that name, or null when this schema has none (a column of another tool). */
  public Field<?> field(String name) {
    return byName.get(name);
  }

  /** The field names, in order, that a given format version wrote. */
  public List<String> names(int version) {
    return fields.stream().filter(f -> f.since() <= version).map(Field::name).toList();
  }

  int size() {
    return fields.size();
  }
}
