package dev.openenvbench.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An infrastructure's {@code url_template}: {@code ${VAR}} is replaced by the variable's value,
 * looked up first in the environment, then in the infrastructure's {@code env_vars} (so {@code
 * http://localhost:${PORT}} with {@code PORT: 8000} in {@code env_vars} works as the deployment
 * would).
 */
public final class UrlTemplate {
  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private UrlTemplate() {}

  /**
   * The URL, or the names of the variables that have no value (in order of appearance).
   *
   * @param url the filled-in URL; null when {@code missing} is not empty
   */
  public record Filled(String url, List<String> missing) {}

  public static Filled fill(String template, Map<String, String> env, Map<String, String> envVars) {
    Matcher m = VAR.matcher(template);
    StringBuilder b = new StringBuilder();
    Set<String> missing = new LinkedHashSet<>();
    while (m.find()) {
      String name = m.group(1);
      String value = env.containsKey(name) ? env.get(name) : envVars.get(name);
      if (value == null) {
        missing.add(name);
        value = m.group();
      }
      m.appendReplacement(b, Matcher.quoteReplacement(value));
    }
    m.appendTail(b);
    return missing.isEmpty()
        ? new Filled(b.toString(), List.of())
        : new Filled(null, new ArrayList<>(missing));
  }
}
