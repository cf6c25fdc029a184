package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad combinations of {@code run --segment} are refused before any load, in one line with exit 2
 * (no server is needed: each is refused before one is reached).
 */
class SegmentOptionsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a segment needs a run id          | --segment 0/2                                      | --segment needs --run-id ID
          a run id is a safe name           | --segment 0/2 --run-id a/b                         | --run-id 'a/b': use letters, digits
          a run id alone needs a segment    | --run-id job7                                      | --run-id needs --segment I/K
          a schedule alone needs a segment  | --schedule-dir /tmp/s                              | --schedule-dir needs --segment I/K
          a segment is one process          | --segment 0/2 --run-id j --processes 2             | --processes splits each cell
          a segment is not resumed          | --segment 0/2 --run-id j --resume -o /tmp/x         | --resume does not go with --segment
          segments drive one server         | --segment 0/2 --run-id j                           | --segment needs --url
          a share has no thresholds         | --segment 0/2 --run-id j --threshold total.p99<2s  | --threshold does not go with --segment
          a start is a time                 | --segment 0/2 --run-id j --start-at soon           | --start-at 'soon': epoch seconds
          I is below K                      | --segment 2/2 --run-id j                           | a segment is I/K with 0 <= I < K
          """)
  void is_refused_in_one_line_with_exit_2(String meaning, String args, String message) {
    String[] argv = ("run --warmup 0 " + args).split(" ");
    if (!args.contains("--url") && !meaning.equals("segments drive one server")) {
      argv = ("run --warmup 0 --url http://127.0.0.1:9 " + args).split(" ");
    }

    Cli.Result r = Cli.run(argv);

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(r.err()).contains(message);
    assertThat(r.err().strip().lines().filter(l -> l.contains(message))).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "1796234400, 2026-12-02T18:00:00Z",
    "2026-12-02T18:40:00Z, 2026-12-02T18:40:00Z",
    "1796234400.25, 2026-12-02T18:00:00.250Z"
  })
  void a_start_is_epoch_seconds_or_an_iso_instant(String text, String expected) {
    assertThat(SegmentOptions.instant(text)).isEqualTo(Instant.parse(expected));
  }
}
