package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offset against a local folder, whose "file server" is this host's own kernel: the offset is
 * the kernel's coarse timestamp lag, far below a second, and the manifest's reference names the
 * folder and the error bound.
 */
class ClockOffsetTest {
  @TempDir Path dir;

  @Test
  void a_local_folder_gives_this_hosts_own_clock_within_a_second() {
    ClockOffset o = ClockOffset.measure(dir, 3);

    assertThat(Math.abs(o.seconds())).isLessThan(1.0);
    assertThat(o.reference()).startsWith("mtime of a file written to " + dir).contains("±");
    assertThat(dir.resolve("clock-3")).exists();
  }
}
