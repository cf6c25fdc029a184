package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exit-code table: numbers, and which code wins when several apply. */
class ExitCodeTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nothing applies is success                 | ''                                   | 0",
        "one code is itself                         | REQUIREMENT_FAILED                   | 1",
        "a bug beats everything                     | REQUIREMENT_FAILED,OUTPUT_FAILED,INTERNAL_ERROR,ABORTED | 4",
        "unwritable output beats an abort           | ABORTED,OUTPUT_FAILED                | 6",
        "an abort beats a missed requirement        | REQUIREMENT_FAILED,ABORTED           | 3",
        "an abort beats nothing having worked       | NOTHING_WORKED,ABORTED               | 3",
        "bad arguments beat nothing having worked   | NOTHING_WORKED,BAD_ARGUMENTS         | 2",
        "nothing worked beats a missed requirement  | REQUIREMENT_FAILED,NOTHING_WORKED    | 5",
        "success loses to any failure               | SUCCESS,REQUIREMENT_FAILED           | 1",
      })
  void theFirstOf_4_6_3_2_5_1_wins(String meaning, String applicable, int expected) {
    List<ExitCode> codes =
        applicable.isEmpty()
            ? List.of()
            : Arrays.stream(applicable.split(",")).map(ExitCode::valueOf).toList();
    assertThat(ExitCode.winner(codes).code()).isEqualTo(expected);
  }

  @Test
  void everyCodeHasAPlaceInThePrecedence() {
    assertThat(ExitCode.precedence()).containsExactlyInAnyOrder(ExitCode.values());
  }

  @Test
  void theNumbersAreTheDocumentedOnes() {
    assertThat(ExitCode.usageList().keySet()).containsExactly("0", "1", "2", "3", "4", "5", "6");
  }
}
