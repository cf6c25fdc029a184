package dev.openenvbench.results;

import java.nio.file.Path;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One stamp of a segmented run's schedule ({@code loadgen.SegmentSchedule}): a one-line JSON object
 * {@code {"segment":"0/2","host":"node1","at":"2026-12-02T18:00:02.5Z"}} in the shared schedule
 * folder, saying that segment {@code I/K} on {@code host} was ready, or ended a cell, at {@code at}
 * (ISO-8601, on the reference clock). docs/run.md, "Load from several machines".
 */
public record ScheduleStamp(String segment, String host, String at) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public ScheduleStamp(String segment, String host, Instant at) {
    this(segment, host, at.toString());
  }

  public Instant instant() {
    return Instant.parse(at);
  }

  /** Writes the stamp atomically ({@link AtomicFile}): a reader sees all of it or none. */
  public void write(Path file) {
    AtomicFile.write(file, JSON.writeValueAsString(this) + "\n");
  }

  public static ScheduleStamp read(Path file) {
    try {
      ScheduleStamp s = JSON.readValue(file.toFile(), ScheduleStamp.class);
      s.instant(); // a stamp without its instant is no stamp
      return s;
    } catch (JacksonException | java.time.format.DateTimeParseException | NullPointerException e) {
      throw new ResultFileException(file, "not a schedule stamp: " + e.getMessage());
    }
  }
}
