package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.loadgen.LocalServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a terminal the study has one live line: the study's place (cell k/K, time in, least time left,
 * the infrastructure) in front of the running cell's own counters, redrawn in place, and no
 * separate line per cell. The terminal is a real pseudo-terminal, made by util-linux's {@code
 * script}; without one (every other experiment test) a line per cell says the same.
 */
class ExperimentProgressTest {
  @TempDir Path dir;

  @Test
  void on_a_terminal_one_live_line_carries_the_study_and_the_running_cell() throws Exception {
    try (LocalServer server = LocalServer.start(Main.childJvm(), 50, 1, false, 60)) {
      Path study = ExperimentRunTest.write(dir, "ws", "[1.0]", "[1, 2]", 1);
      List<String> java =
          new ArrayList<>(
              List.of(
                  ProcessHandle.current().info().command().orElseThrow(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "experiment",
                  study.toString(),
                  "--infrastructure",
                  "big",
                  "--url",
                  server.url(),
                  "--warmup",
                  "0"));
      Path typescript = dir.resolve("typescript");
      String command =
          String.join(" ", java.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList());
      Process p =
          new ProcessBuilder("script", "-qfec", command, typescript.toString())
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectErrorStream(true)
              .start();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String screen = Files.readString(typescript, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(screen).isZero();

      // Redrawn in place: each state of the line begins with a carriage return.
      assertThat(screen)
          .containsPattern(
              Pattern.quote("\r[study cell 1/2 · ")
                  + "\\d+ s in · ≥ \\d+ s left · big\\] \\[ws N=1 w=1.0 rep 1/1\\]  started \\d")
          .containsPattern(
              Pattern.quote("\r[study cell 2/2 · ")
                  + "[^\r\n]+ \\[ws N=2 w=1.0 rep 1/1\\]  started")
          .doesNotContain("openenv-bench experiment: cell 1/2 of the study");
    }
  }
}
