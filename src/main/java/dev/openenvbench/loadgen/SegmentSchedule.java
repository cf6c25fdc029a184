package dev.openenvbench.loadgen;

import dev.openenvbench.results.ResultFileException;
import dev.openenvbench.results.ScheduleStamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * When each cell of a segmented run starts, agreed by K segments through stamp files in a folder
 * they all share, with no master: every segment reads the same files and computes the same instant
 * from them by the rules below, so no segment waits for another's say-so and none can hold the
 * others longer than a deadline. All instants are on the reference clock ({@code reference}: this
 * host's wall clock corrected by its measured {@link ClockOffset}).
 *
 * <pre>
 * DIR/&lt;run_id&gt;/ready-&lt;i&gt;             segment i is warmed up and ready for cell 1, at its stamp
 * DIR/&lt;run_id&gt;/&lt;cell_id&gt;/done-&lt;i&gt;   segment i ended that cell (finished or stopped), at its stamp
 * </pre>
 *
 * <ol>
 *   <li>Cell 1 ({@link #firstStart}): the ready deadline is the earliest ready stamp + the ready
 *       timeout. When all K ready stamps are in, at or before that deadline: the latest of them +
 *       {@link SegmentRun#GAP}. Else, once the deadline has passed: the deadline + GAP.
 *   <li>Every cell has a deadline: its start + its bound ({@link SegmentRun#cellBound}). A segment
 *       still running a cell at its deadline stops it (the unfinished sessions recorded as such).
 *   <li>The next cell ({@link #nextStart}): when all K done stamps of the cell before are in, at or
 *       before its deadline: the latest of them + GAP. Else, once the deadline has passed: the
 *       deadline + GAP. A segment that ends late or never (killed) thus delays the others by at
 *       most the deadline, once per cell.
 *   <li>Stamps after the deadline they race are ignored, so a late file cannot change an instant
 *       that others may already have acted on. A segment that reaches a cell after its deadline
 *       skips it.
 * </ol>
 *
 * Files are {@link ScheduleStamp}s, written atomically, so a reader sees a whole stamp or none. Not
 * thread-safe; one per segment process.
 */
public final class SegmentSchedule {
  private static final Pattern READY = Pattern.compile("ready-(\\d+)");
  private static final Pattern DONE = Pattern.compile("done-(\\d+)");

  private final Path runDir;
  private final Segment segment;
  private final String host;
  private final InstantSource reference;

  /**
   * @param scheduleDir the folder all segments share
   * @param reference the reference clock as this host sees it
   */
  public SegmentSchedule(
      Path scheduleDir, String runId, Segment segment, String host, InstantSource reference) {
    this.runDir = scheduleDir.resolve(runId);
    this.segment = segment;
    this.host = host;
    this.reference = reference;
  }

  /** The folder of this run's stamps. */
  public Path runDir() {
    return runDir;
  }

  /**
   * Writes this segment's ready stamp, now. Refused when one is there already: a second process
   * with the same segment, or the stamps of an earlier run of this id, would corrupt the schedule.
   */
  public void ready() {
    Path file = runDir.resolve("ready-" + segment.index());
    if (Files.exists(file)) {
      throw new IllegalArgumentException(
          "segment "
              + segment.format()
              + " of this --run-id is already in "
              + file
              + " (another process with the same --segment, or an earlier run: give a new"
              + " --run-id or remove "
              + runDir
              + ")");
    }
    write(file);
  }

  /** Writes this segment's done stamp for {@code cellId}, now. */
  public void done(String cellId) {
    write(runDir.resolve(cellId).resolve("done-" + segment.index()));
  }

  /**
   * Rule 1: cell 1's start from the ready stamps there now, or null while it cannot be known yet.
   */
  public Instant firstStart(Duration readyTimeout) {
    List<Instant> ready = stamps(runDir, READY);
    if (ready.isEmpty()) return null;
    Instant deadline =
        ready.stream().min(Comparator.naturalOrder()).orElseThrow().plus(readyTimeout);
    return decide(ready, deadline);
  }

  /** Rule 3: the start of the cell after {@code previousCellId}, or null while not known yet. */
  public Instant nextStart(String previousCellId, Instant previousDeadline) {
    return decide(stamps(runDir.resolve(previousCellId), DONE), previousDeadline);
  }

  /** All K stamps by the deadline: the last + GAP; the deadline passed: it + GAP; else unknown. */
  private Instant decide(List<Instant> stamps, Instant deadline) {
    List<Instant> inTime = stamps.stream().filter(s -> !s.isAfter(deadline)).toList();
    if (inTime.size() == segment.count()) {
      return inTime.stream().max(Comparator.naturalOrder()).orElseThrow().plus(SegmentRun.GAP);
    }
    return reference.instant().isBefore(deadline) ? null : deadline.plus(SegmentRun.GAP);
  }

  private List<Instant> stamps(Path dir, Pattern name) {
    List<Instant> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Matcher m = name.matcher(f.getFileName().toString());
        if (m.matches()) out.add(read(f));
      }
    } catch (NoSuchFileException none) {
      return out;
    } catch (IOException e) {
      throw new ResultFileException(dir, "cannot list the schedule folder: " + e.getMessage());
    }
    return out;
  }

  /** A stamp's instant; a stamp of another K is refused: the segments must split alike. */
  private Instant read(Path file) {
    ScheduleStamp s = ScheduleStamp.read(file);
    if (Segment.parse(s.segment()).count() != segment.count()) {
      throw new IllegalArgumentException(
          file
              + " was written by segment "
              + s.segment()
              + " on "
              + s.host()
              + ", this is segment "
              + segment.format()
              + ": every segment of a run needs the same K");
    }
    return s.instant();
  }

  private void write(Path file) {
    new ScheduleStamp(segment.format(), host, reference.instant()).write(file);
  }
}
