package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedule's rules on stamp files in a temporary folder, with a fake reference clock: each
 * segment is a {@link SegmentSchedule} of its own over the same folder, as K hosts would be.
 */
class SegmentScheduleTest {
  private static final Instant T0 = Instant.parse("2026-12-02T18:00:00Z");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration GAP = SegmentRun.GAP;

  @TempDir Path dir;
  private final FakeClock clock = new FakeClock(T0);

  /** A settable clock, the reference clock every segment of the test shares. */
  private static final class FakeClock implements InstantSource {
    private Instant now;

    FakeClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void at(Instant t) {
      now = t;
    }
  }

  private SegmentSchedule segment(int i, int k) {
    return new SegmentSchedule(dir, "job7", new Segment(i, k), "host-" + i, clock);
  }

  @Test
  void cell_1_starts_a_gap_after_the_last_ready_stamp_once_all_k_are_in() {
    SegmentSchedule a = segment(0, 2);
    SegmentSchedule b = segment(1, 2);
    a.ready();
    clock.at(T0.plusSeconds(5));
    assertThat(a.firstStart(READY_TIMEOUT)).as("one of two ready: wait").isNull();

    b.ready();

    assertThat(a.firstStart(READY_TIMEOUT)).isEqualTo(T0.plusSeconds(5).plus(GAP));
    assertThat(b.firstStart(READY_TIMEOUT)).isEqualTo(a.firstStart(READY_TIMEOUT));
  }

  @Test
  void a_missing_segment_holds_cell_1_only_until_the_ready_deadline() {
    SegmentSchedule a = segment(0, 3);
    SegmentSchedule b = segment(1, 3);
    a.ready();
    clock.at(T0.plusSeconds(1));
    b.ready();
    clock.at(T0.plus(READY_TIMEOUT).minusMillis(1));
    assertThat(b.firstStart(READY_TIMEOUT)).as("before the deadline: wait").isNull();

    clock.at(T0.plus(READY_TIMEOUT));

    Instant deadlineStart = T0.plus(READY_TIMEOUT).plus(GAP);
    assertThat(a.firstStart(READY_TIMEOUT)).isEqualTo(deadlineStart);
    assertThat(b.firstStart(READY_TIMEOUT)).isEqualTo(deadlineStart);
  }

  @Test
  void a_ready_stamp_after_the_deadline_is_ignored_so_no_instant_changes() {
    SegmentSchedule a = segment(0, 2);
    a.ready();
    clock.at(T0.plus(READY_TIMEOUT).plusSeconds(3));

    segment(1, 2).ready(); // late: every segment has already acted on the deadline

    assertThat(a.firstStart(READY_TIMEOUT)).isEqualTo(T0.plus(READY_TIMEOUT).plus(GAP));
  }

  @Test
  void the_next_cell_starts_a_gap_after_the_last_done_stamp_when_all_are_in_time() {
    SegmentSchedule a = segment(0, 2);
    SegmentSchedule b = segment(1, 2);
    Instant deadline = T0.plusSeconds(100);
    clock.at(T0.plusSeconds(10));
    a.done("job7-c1");
    assertThat(a.nextStart("job7-c1", deadline)).as("b still running: wait").isNull();
    clock.at(T0.plusSeconds(12));

    b.done("job7-c1");

    assertThat(a.nextStart("job7-c1", deadline)).isEqualTo(T0.plusSeconds(12).plus(GAP));
    assertThat(b.nextStart("job7-c1", deadline)).isEqualTo(T0.plusSeconds(12).plus(GAP));
  }

  @Test
  void a_dead_segment_delays_the_next_cell_to_the_deadline_and_no_longer() {
    SegmentSchedule a = segment(0, 2);
    Instant deadline = T0.plusSeconds(100);
    clock.at(T0.plusSeconds(10));
    a.done("job7-c1"); // segment 1 was killed: it never stamps

    clock.at(deadline.minusMillis(1));
    assertThat(a.nextStart("job7-c1", deadline)).isNull();
    clock.at(deadline);
    assertThat(a.nextStart("job7-c1", deadline)).isEqualTo(deadline.plus(GAP));
  }

  @Test
  void a_done_stamp_after_the_deadline_is_ignored() {
    SegmentSchedule a = segment(0, 2);
    Instant deadline = T0.plusSeconds(100);
    clock.at(T0.plusSeconds(10));
    a.done("job7-c1");
    clock.at(deadline.plusSeconds(1));

    segment(1, 2).done("job7-c1"); // stopped at its deadline, stamped just after it

    assertThat(a.nextStart("job7-c1", deadline)).isEqualTo(deadline.plus(GAP));
  }

  @Test
  void a_second_process_with_the_same_segment_is_refused() {
    segment(0, 2).ready();

    assertThatThrownBy(() -> segment(0, 2).ready())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segment 0/2 of this --run-id is already in")
        .hasMessageContaining("give a new --run-id");
  }

  @Test
  void segments_of_different_k_are_refused_with_both_segments_named() {
    segment(0, 2).ready();
    SegmentSchedule other = segment(1, 3);
    other.ready();

    assertThatThrownBy(() -> other.firstStart(READY_TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segment 0/2 on host-0, this is segment 1/3")
        .hasMessageContaining("the same K");
  }

  @Test
  void stamps_are_whole_files_with_no_temporary_left_behind() throws Exception {
    segment(0, 2).done("job7-c1");

    try (var files = Files.list(dir.resolve("job7").resolve("job7-c1"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("done-0");
    }
    assertThat(Files.readString(dir.resolve("job7/job7-c1/done-0")))
        .isEqualTo("{\"segment\":\"0/2\",\"host\":\"host-0\",\"at\":\"" + T0 + "\"}\n");
  }
}
