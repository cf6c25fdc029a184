package dev.openenvbench.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps DESIGN.md's package rules true by reading every main source file: data flows one way
 * (loadgen → results → report), the server and the load client never see each other, the wire model
 * knows no transport and is what the harness speaks, the shared Netty plumbing and the child-JVM
 * launcher know nothing of either side, and nothing depends on the CLI.
 *
 * <p>A reference is any dotted name in the file's text other than its package line: imports, but
 * also names written inline in code, strings and comments ({@code
 * dev.openenvbench.results.SummaryCsvReader.rows(f)} or a {@code {@link ...}}), which an import
 * scan alone never sees.
 */
class DependencyRulesTest {
  private static final Path MAIN = Path.of("src/main/java/dev/openenvbench");
  private static final String ROOT = "dev.openenvbench.";

  /** package → project packages and library prefixes it must not refer to. */
  private static final Map<String, Set<String>> FORBIDDEN =
      Map.ofEntries(
          Map.entry(
              "protocol",
              Set.of(
                  ROOT + "env",
                  ROOT + "server",
                  ROOT + "loadgen",
                  ROOT + "results",
                  ROOT + "report",
                  ROOT + "transport",
                  ROOT + "launch",
                  ROOT + "cli",
                  "io.netty")),
          Map.entry(
              "env",
              Set.of(
                  ROOT + "server",
                  ROOT + "loadgen",
                  ROOT + "results",
                  ROOT + "report",
                  ROOT + "cli",
                  "io.netty")),
          Map.entry(
              "server", Set.of(ROOT + "loadgen", ROOT + "results", ROOT + "report", ROOT + "cli")),
          // No JSON library either: the harness reads and writes the wire only through protocol.
          Map.entry(
              "loadgen",
              Set.of(
                  ROOT + "server",
                  ROOT + "report",
                  ROOT + "cli",
                  ROOT + "capacity",
                  "tools.jackson")),
          // A search is made of run cells (loadgen) and judged on their summaries (results).
          Map.entry("capacity", Set.of(ROOT + "server", ROOT + "report", ROOT + "cli", "io.netty")),
          Map.entry(
              "results",
              Set.of(ROOT + "server", ROOT + "loadgen", ROOT + "report", ROOT + "cli", "io.netty")),
          Map.entry(
              "report",
              Set.of(
                  ROOT + "server", ROOT + "loadgen", ROOT + "verdict", ROOT + "cli", "io.netty")),
          // Verdicts are drawn from result files, as the report's tables are.
          Map.entry("verdict", Set.of(ROOT + "server", ROOT + "loadgen", ROOT + "cli", "io.netty")),
          // merge reads result files, as report does: never a server, never the load generator.
          Map.entry(
              "merge",
              Set.of(
                  ROOT + "server",
                  ROOT + "loadgen",
                  ROOT + "report",
                  ROOT + "verdict",
                  ROOT + "capacity",
                  ROOT + "experiment",
                  ROOT + "cli",
                  "io.netty")),
          Map.entry("launch", refersToNoProjectPackage("launch")),
          Map.entry("transport", refersToNoProjectPackage("transport")),
          Map.entry("experiment", Set.of(ROOT + "server", ROOT + "cli", "io.netty")),
          Map.entry("cli", Set.of()));

  /**
   * A dotted name not preceded by part of another name: {@code a.b.C}, not the {@code b.C} in it.
   */
  private static final Pattern DOTTED_NAME =
      Pattern.compile("(?<![\\w$.])[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+");

  /** The shared plumbing (Netty loops, child JVMs) knows no other package of the project. */
  private static Set<String> refersToNoProjectPackage(String self) {
    return Stream.of(
            "protocol",
            "env",
            "server",
            "loadgen",
            "results",
            "report",
            "verdict",
            "transport",
            "launch",
            "experiment",
            "capacity",
            "merge",
            "cli")
        .filter(p -> !p.equals(self))
        .map(p -> ROOT + p)
        .collect(Collectors.toSet());
  }

  /** One dotted name in a source file. */
  private record Reference(Path file, int line, String name) {
    boolean isUnder(String prefix) {
      return name.equals(prefix) || name.startsWith(prefix + ".");
    }

    @Override
    public String toString() {
      return MAIN.relativize(file) + ":" + line + " refers to " + name;
    }
  }

  @Test
  void packagesReferToOnlyWhatTheDesignAllows() throws IOException {
    List<Reference> violations = new ArrayList<>();
    for (Map.Entry<String, Set<String>> rule : FORBIDDEN.entrySet()) {
      for (Reference r : references(rule.getKey())) {
        if (rule.getValue().stream().anyMatch(r::isUnder)) {
          violations.add(r);
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void theHarnessSpeaksTheWireThroughProtocol() throws IOException {
    assertThat(references("loadgen"))
        .as("loadgen must encode frames and parse replies with dev.openenvbench.protocol")
        .anyMatch(r -> r.isUnder(ROOT + "protocol"));
  }

  @Test
  void fullyQualifiedNamesAreSeenWhereverTheyAreWritten() {
    String text =
        """
        package dev.openenvbench.report;
        import java.util.List;
        /** Reads what {@link dev.openenvbench.results.SummaryCsvReader} read. */
        var rows = dev.openenvbench.results.SummaryCsvReader.rows(file);
        """;
    assertThat(namesIn(text))
        .containsExactly(
            "java.util.List",
            "dev.openenvbench.results.SummaryCsvReader",
            "dev.openenvbench.results.SummaryCsvReader.rows");
  }

  @Test
  void theRulesSeeTheSources() throws IOException {
    assertThat(MAIN.resolve("server/BenchServer.java")).exists();
    try (Stream<Path> dirs = Files.list(MAIN)) {
      assertThat(dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()))
          .as("every package has a rule here")
          .containsExactlyInAnyOrderElementsOf(FORBIDDEN.keySet());
    }
  }

  /** Every dotted name in the main sources of {@code pkg}, package lines excluded. */
  private static List<Reference> references(String pkg) throws IOException {
    List<Reference> refs = new ArrayList<>();
    Path dir = MAIN.resolve(pkg);
    if (!Files.isDirectory(dir)) {
      return refs;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          for (String name : namesIn(lines.get(i))) {
            refs.add(new Reference(file, i + 1, name));
          }
        }
      }
    }
    return refs;
  }

  private static List<String> namesIn(String text) {
    List<String> names = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.strip().startsWith("package ")) {
        continue;
      }
      Matcher m = DOTTED_NAME.matcher(line);
      while (m.find()) {
        names.add(m.group());
      }
    }
    return names;
  }
}
