package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with no --url starts the real {@code serve} as a child process, runs, and stops it.
 */
class RunLocalServerTest {
  @TempDir Path dir;

  @Test
  void without_url_run_starts_a_local_server_and_records_every_session() throws Exception {
    int code =
        Main.execute(
            "run", "-n", "8", "-w", "0.1", "-o", dir.toString(), "--no-progress", "--warmup", "2");

    assertThat(code).isEqualTo(ExitCode.SUCCESS.code());
    List<String> raw = Files.readAllLines(dir.resolve("raw.jsonl"));
    assertThat(raw).hasSize(8).allSatisfy(line -> assertThat(line).contains("\"success\":true"));
    List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
    assertThat(csv).hasSize(2);
    assertThat(csv.get(1)).startsWith("ws,http://127.0.0.1:");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "unknown mode            | -m|grpc",
        "no sessions             | -n|0",
        "negative wait           | -w|-1",
        "require without expect  | --require-hosts|",
        "zero timeout            | -t|0",
      })
  void bad_arguments_exit_2_before_any_load(String meaning, String flag, String value) {
    String[] args =
        value == null
            ? new String[] {"run", "--url", "http://127.0.0.1:9", flag}
            : new String[] {"run", "--url", "http://127.0.0.1:9", flag, value};
    assertThat(Main.execute(args)).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
  }
}
