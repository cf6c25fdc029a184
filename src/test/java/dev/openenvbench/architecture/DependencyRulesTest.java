package dev.openenvbench.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps DESIGN.md's package rules true by reading every main source file's imports: data flows one
 * way (loadgen → results → report), the server and the load client never see each other, the wire
 * model knows no transport, the shared Netty plumbing and the child-JVM launcher know nothing of
 * either side, and nothing depends on the CLI.
 */
class DependencyRulesTest {
  private static final Path MAIN = Path.of("src/main/java/dev/openenvbench");
  private static final String ROOT = "dev.openenvbench.";

  /** package → project packages and library prefixes it must not import. */
  private static final Map<String, Set<String>> FORBIDDEN =
      Map.of(
          "protocol",
              Set.of(
                  ROOT + "env",
                  ROOT + "server",
                  ROOT + "loadgen",
                  ROOT + "results",
                  ROOT + "report",
                  ROOT + "cli",
                  "io.netty"),
          "env",
              Set.of(
                  ROOT + "server",
                  ROOT + "loadgen",
                  ROOT + "results",
                  ROOT + "report",
                  ROOT + "cli",
                  "io.netty"),
          "server", Set.of(ROOT + "loadgen", ROOT + "results", ROOT + "report", ROOT + "cli"),
          "loadgen", Set.of(ROOT + "server", ROOT + "report", ROOT + "cli"),
          "results",
              Set.of(ROOT + "server", ROOT + "loadgen", ROOT + "report", ROOT + "cli", "io.netty"),
          "report", Set.of(ROOT + "server", ROOT + "loadgen", ROOT + "cli", "io.netty"),
          "launch", importsNoProjectPackage("launch"),
          "transport", importsNoProjectPackage("transport"),
          "cli", Set.of());

  /** The shared plumbing (Netty loops, child JVMs) knows no other package of the project. */
  private static Set<String> importsNoProjectPackage(String self) {
    return Stream.of(
            "protocol",
            "env",
            "server",
            "loadgen",
            "results",
            "report",
            "transport",
            "launch",
            "cli")
        .filter(p -> !p.equals(self))
        .map(p -> ROOT + p)
        .collect(Collectors.toSet());
  }

  @Test
  void packagesImportOnlyWhatTheDesignAllows() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, Set<String>> rule : FORBIDDEN.entrySet()) {
      Path dir = MAIN.resolve(rule.getKey());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          for (String line : Files.readAllLines(file)) {
            String imported = importOf(line);
            if (imported != null && rule.getValue().stream().anyMatch(imported::startsWith)) {
              violations.add(MAIN.relativize(file) + " imports " + imported);
            }
          }
        }
      }
    }
    assertThat(violations).isEmpty();
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

  private static String importOf(String line) {
    String trimmed = line.strip();
    if (!trimmed.startsWith("import ")) {
      return null;
    }
    return trimmed.substring("import ".length()).replace("static ", "").replace(";", "").strip();
  }
}
