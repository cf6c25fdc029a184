package dev.openenvbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The appending rule's refusals: a layout that is not ours is never appended to. */
class ResultFolderTest {
  @TempDir Path tmp;

  @Test
  void a_header_of_another_tool_is_refused_with_what_to_do() throws IOException {
    Files.writeString(tmp.resolve("summary.csv"), "mode,n,latency\nws,4,1.0\n");

    assertThatThrownBy(() -> ResultFolder.prepare(tmp, n -> {}))
        .isInstanceOf(ResultFileException.class)
        .hasMessage(
            tmp.resolve("summary.csv")
                + ": has a header openenv-bench did not write (3 columns, starting mode,n,latency):"
                + " appending would mix two layouts in one file. Write to another folder (-o"
                + " NEW_DIR) or move the file away.");
  }

  @Test
  void a_summary_of_a_newer_version_is_refused() throws IOException {
    String header = String.join(",", SummaryColumns.names(FormatVersion.CURRENT));
    Files.writeString(
        tmp.resolve("summary.csv"),
        header.replace(",format_version", ",new_column,format_version") + "\n");

    assertThatThrownBy(() -> ResultFolder.prepare(tmp, n -> {}))
        .hasMessageContaining("was written by a newer openenv-bench");
  }

  @Test
  void a_raw_jsonl_of_the_seed_is_refused_and_left_as_it_was() throws IOException {
    Path raw =
        Files.copy(FormatFixtures.folder("seed").resolve("raw.jsonl"), tmp.resolve("raw.jsonl"));
    byte[] before = Files.readAllBytes(raw);

    assertThatThrownBy(() -> ResultFolder.prepare(tmp, n -> {}))
        .hasMessageContaining("raw.jsonl: holds the seed harness's sessions, not openenv-bench's");
    assertThat(Files.readAllBytes(raw)).isEqualTo(before);
  }

  @Test
  void a_folder_that_cannot_be_made_is_an_output_failure_in_one_line() throws IOException {
    // A folder under a regular file cannot exist, even for root (whom permission bits don't stop).
    Path file = Files.writeString(tmp.resolve("a-file"), "x");

    assertThatThrownBy(() -> ResultFolder.prepare(file.resolve("sub"), n -> {}))
        .isInstanceOf(OutputWriteException.class)
        .hasMessage("cannot write " + file.resolve("sub") + ": Not a directory");
  }
}
