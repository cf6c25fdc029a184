package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How K segments cut a cell of N sessions, and how a segment is written. */
class SegmentTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "one segment is the whole cell         | 7  | 1 | 7",
        "even split                            | 9  | 3 | 3,3,3",
        "the first N mod K get one more        | 10 | 3 | 4,3,3",
        "fewer sessions than segments          | 2  | 3 | 1,1,0",
        "one more segment than the remainder   | 5  | 4 | 2,1,1,1",
      })
  void segments_cover_the_cell_with_contiguous_ids(
      String meaning, int n, int k, String expectedShares) {
    List<Integer> shares = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      Segment s = new Segment(i, k);
      shares.add(s.share(n));
      int first = s.firstRequestId(n);
      IntStream.range(first, first + s.share(n)).forEach(ids::add);
    }
    assertThat(shares)
        .containsExactly(
            java.util.Arrays.stream(expectedShares.split(","))
                .map(Integer::valueOf)
                .toArray(Integer[]::new));
    assertThat(ids).as("every id once, in order").isEqualTo(IntStream.range(0, n).boxed().toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0/1", "2/3", "14/16"})
  void format_is_what_parse_reads(String text) {
    assertThat(Segment.parse(text).format()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"3/3", "-1/2", "0/0", "1", "a/b", "1/2/3", ""})
  void a_malformed_segment_is_rejected_with_its_form(String text) {
    assertThatThrownBy(() -> Segment.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("I/K");
  }
}
