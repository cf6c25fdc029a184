package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessSmokeTest {
  @TempDir Path dir;

  @Test
  void ws_and_http_against_tiny_server() throws Exception {
    try (TinyOpenEnvServer s = new TinyOpenEnvServer(100, "tiny:1")) {
      int code = Main.execute("run", "--url", s.url(), "-n", "20", "-w", "0.2", "--compare", "-o", dir.toString(), "--no-progress");
      System.out.println(Files.readString(dir.resolve("summary.csv")));
      System.out.println(Files.readAllLines(dir.resolve("raw.jsonl")).getFirst());
      assertThat(code).isZero();
      code = Main.execute("run", "--url", s.url(), "-n", "5", "-w", "0.2", "-o", dir.toString(), "--no-progress");
      assertThat(code).isZero();
    }
    try (TinyOpenEnvServer s = new TinyOpenEnvServer(2, "tiny:1")) {
      int code = Main.execute("run", "--url", s.url(), "-n", "5", "-w", "0.5", "--no-progress");
      assertThat(code).isZero();
    }
  }
}
