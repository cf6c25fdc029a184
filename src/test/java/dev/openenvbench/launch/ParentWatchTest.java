package dev.openenvbench.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which processes watch their parent: those whose environment ChildJvm wrote, and no others. */
class ParentWatchTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      value = {
        "no variable: a serve a user started       | none   | -1",
        "the parent's pid: started by ChildJvm     | 4242   | 4242",
        "blanks around it are forgiven             | ' 42 ' | 42",
        "not a pid: not ChildJvm's, ignored        | abc    | -1",
      })
  void watches_only_when_childjvm_named_the_parent(String meaning, String value, long expected) {
    OptionalLong watched = ParentWatch.watchedParent(value);

    assertThat(watched)
        .as(meaning)
        .isEqualTo(expected < 0 ? OptionalLong.empty() : OptionalLong.of(expected));
  }
}
