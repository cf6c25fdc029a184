package dev.openenvbench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Looks up table rows by column values, so tests read like the table they check. */
final class TableRows {
  private TableRows() {}

  static Table table(List<Table> tables, String id) {
    return tables.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  /** The one row whose columns match {@code key} ("infra", "local", "mode", "ws", ...). */
  static Map<String, String> row(Table t, String... key) {
    List<Map<String, String>> matches =
        t.rows().stream()
            .map(r -> asMap(t, r))
            .filter(
                r -> {
                  for (int i = 0; i < key.length; i += 2) {
                    if (!key[i + 1].equals(r.get(key[i]))) {
                      return false;
                    }
                  }
                  return true;
                })
            .toList();
    if (matches.size() != 1) {
      throw new AssertionError(t.id() + ": " + matches.size() + " rows match " + List.of(key));
    }
    return matches.getFirst();
  }

  static Map<String, String> asMap(Table t, List<String> r) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < r.size(); i++) {
      m.put(t.headers().get(i), r.get(i));
    }
    return m;
  }
}
