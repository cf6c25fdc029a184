package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Open-loop options a user can get wrong: each is refused before any load, in one line, with exit 2
 * (bad usage), naming what to change.
 */
class ArrivalOptionsTest {
  record Case(String meaning, List<String> args, String says) {
    @Override
    public String toString() {
      return meaning;
    }
  }

  static List<Case> cases() {
    String u = "http://127.0.0.1:9";
    return List.of(
        new Case(
            "a rate without a window",
            List.of("run", "--url", u, "--arrival-rate", "10"),
            "--arrival-rate needs --duration SECONDS"),
        new Case(
            "a window without a rate",
            List.of("run", "--url", u, "--duration", "3"),
            "they need --arrival-rate"),
        new Case(
            "a batch size with a rate",
            List.of("run", "--url", u, "--arrival-rate", "10", "--duration", "1", "-n", "5"),
            "drop -n/--requests-grid"),
        new Case(
            "a barrier with a rate",
            List.of("run", "--url", u, "--arrival-rate", "10", "--duration", "1", "--barrier"),
            "--arrival-rate has no batch"),
        new Case(
            "a bound smaller than the processes it is split over",
            List.of(
                "run",
                "--url",
                u,
                "--arrival-rate",
                "10",
                "--duration",
                "1",
                "--processes",
                "3",
                "--max-in-flight",
                "2"),
            "--max-in-flight 2 is split over the 3 processes of each cell: it must be at least 3"),
        new Case(
            "a rate of 0",
            List.of("run", "--url", u, "--arrival-rate", "0", "--duration", "1"),
            "--arrival-rate must be > 0"),
        new Case(
            "no slot at all",
            List.of(
                "run",
                "--url",
                u,
                "--arrival-rate",
                "5",
                "--duration",
                "1",
                "--max-in-flight",
                "0"),
            "--max-in-flight must be ≥ 1"),
        new Case(
            "capacity over rates",
            List.of(
                "capacity", "--url", u, "-o", "unused", "--arrival-rate", "10", "--duration", "1"),
            "capacity searches over batch sizes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void is_refused_in_one_line_with_exit_2(Case c) {
    Cli.Result r = Cli.run(c.args().toArray(String[]::new));

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(r.err()).contains(c.says());
    assertThat(r.err().strip().lines()).as(r.err()).hasSizeLessThanOrEqualTo(2);
  }
}
