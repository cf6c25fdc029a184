package dev.openenvbench.loadgen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One server process's answer to {@code GET /metrics}, reduced to what {@code run} puts next to its
 * own figures: the cumulative buckets of {@code openenv_step_overhead_seconds}, {@code
 * process_cpu_seconds_total} and {@code system_cpu_count}, with the {@code pid} label that says
 * which worker answered. Parsed from the Prometheus text exposition format line by line (name,
 * optional {@code {labels}}, value, optional timestamp; {@code #} lines are comments): the harness
 * needs no Prometheus library.
 *
 * @param pid the answering process, from the histogram's {@code pid} label; 0 when it has none
 * @param bounds the buckets' upper bounds ({@code le}), ascending, {@code +Inf} last
 * @param cumulative the steps at or below each bound, since the process started
 * @param cpuSeconds {@code process_cpu_seconds_total}, null when absent
 * @param cpuCount {@code system_cpu_count}, the cores the process may use; null when absent
 */
record ServerScrape(
    long pid, double[] bounds, double[] cumulative, Double cpuSeconds, Integer cpuCount) {
  static final String OVERHEAD_BUCKET = "openenv_step_overhead_seconds_bucket";
  static final String CPU = "process_cpu_seconds_total";
  static final String CPU_COUNT = "system_cpu_count";

  /**
   * The scrape in {@code text}, or null when it has no step overhead histogram (a server that does
   * not offer one, or not Prometheus text at all).
   */
  static ServerScrape parse(String text) {
    Map<Double, Double> buckets = new HashMap<>();
    long pid = 0;
    Double cpu = null;
    Integer cpuCount = null;
    for (String line : text.split("\n")) {
      Sample s = Sample.parse(line.strip());
      if (s == null) continue;
      switch (s.name()) {
        case OVERHEAD_BUCKET -> {
          String le = s.labels().get("le");
          if (le == null) continue;
          buckets.put(number(le), s.value());
          pid = pid(s.labels().get("pid"), pid);
        }
        case CPU -> cpu = s.value();
        case CPU_COUNT -> cpuCount = s.value() >= 1 ? (int) s.value() : null;
        default -> {}
      }
    }
    if (buckets.isEmpty()) return null;
    List<Double> sorted = new ArrayList<>(buckets.keySet());
    sorted.sort(null);
    double[] bounds = sorted.stream().mapToDouble(Double::doubleValue).toArray();
    double[] cumulative = sorted.stream().mapToDouble(buckets::get).toArray();
    return new ServerScrape(pid, bounds, cumulative, cpu, cpuCount);
  }

  private static long pid(String label, long otherwise) {
    if (label == null) return otherwise;
    try {
      return Long.parseLong(label);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /** A Prometheus number: a float, {@code +Inf}, {@code -Inf} or {@code NaN}. */
  static double number(String s) {
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  /** One sample line: {@code name{label="value",...} value [timestamp]}. */
  record Sample(String name, Map<String, String> labels, double value) {
    /** The sample on {@code line}, or null for a comment, a blank or a malformed line. */
    static Sample parse(String line) {
      if (line.isEmpty() || line.startsWith("#")) return null;
      int i = 0;
      while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') i++;
      String name = line.substring(0, i);
      Map<String, String> labels = new HashMap<>();
      if (i < line.length() && line.charAt(i) == '{') {
        i = labels(line, i + 1, labels);
        if (i < 0) return null;
      }
      String[] rest = line.substring(i).strip().split("\\s+");
      if (name.isEmpty() || rest.length == 0 || rest[0].isEmpty()) return null;
      try {
        return new Sample(name, labels, number(rest[0]));
      } catch (NumberFormatException e) {
        return null;
      }
    }

    /** Reads {@code k="v",...}} from {@code i}; returns the index after the brace, -1 if bad. */
    private static int labels(String line, int i, Map<String, String> into) {
      while (i < line.length()) {
        char c = line.charAt(i);
        if (c == '}') return i + 1;
        if (c == ',' || c == ' ') {
          i++;
          continue;
        }
        int eq = line.indexOf('=', i);
        if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') return -1;
        String key = line.substring(i, eq).strip();
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; j < line.length() && line.charAt(j) != '"'; j++) {
          char v = line.charAt(j);
          if (v == '\\' && j + 1 < line.length()) {
            char e = line.charAt(++j);
            value.append(e == 'n' ? '\n' : e);
          } else {
            value.append(v);
          }
        }
        if (j >= line.length()) return -1;
        into.put(key, value.toString());
        i = j + 1;
      }
      return -1;
    }
  }
}
