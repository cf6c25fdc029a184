package dev.openenvbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one run was, written next to its result files as {@code runs/<run_id>/manifest.json}: the
 * tool that ran it, the whole configuration (secrets redacted by whoever builds it), the servers
 * and what their {@code /metadata} said, and the machine. Written when the run starts and again
 * with its end and outcome when it stops, so a folder's runs can be matched (compare, merge) and a
 * run that never finished can be told from one that did. docs/formats.md describes each key.
 *
 * @param started ISO-8601 UTC
 * @param ended ISO-8601 UTC, null while the run is going (or if it was killed)
 * @param outcome {@code completed}, {@code aborted: <reason>}, ..., null while the run is going
 * @param configuration the run's options by name, as JSON values
 * @param segment which share of the run's sessions this process ran ({@code run --segment}), or
 *     null for a run that ran all of them
 * @param mergedFrom for a run put together by {@code openenv-bench merge}: the segments it was
 *     merged from and how each cell of each fared; null for a run that ran its sessions itself
 */
public record RunManifest(
    int formatVersion,
    String runId,
    String started,
    String ended,
    String outcome,
    Tool tool,
    Map<String, Object> configuration,
    List<Server> servers,
    Machine machine,
    SegmentOf segment,
    MergedFrom mergedFrom) {

  public static final String FILE = "manifest.json";

  /**
   * The configuration keys that differ between the segments of one run by their nature (which
   * segment, where it writes, the addresses it sends from and the HTTP connections of its share,
   * where it keeps its schedule, its own stop bounds), so segments are matched on every other key
   * ({@link #sameConfiguration}, {@code merge}). The manifest's top-level {@code segment}, {@code
   * started}, {@code ended}, {@code outcome} and {@code machine} are per segment too, and are not
   * configuration.
   */
  public static final Set<String> PER_SEGMENT_KEYS =
      Set.of(
          "segment",
          "output_dir",
          "source_addresses",
          "http_connections",
          "schedule_dir",
          "max_duration_seconds",
          "resume");

  // snake_case keys, as in every other result file.
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .build();

  /** The program that ran: {@link BuildInfo}. */
  public record Tool(String name, String version, String commit) {
    public static Tool current() {
      return new Tool("openenv-bench", BuildInfo.CURRENT.version(), BuildInfo.CURRENT.commit());
    }
  }

  /**
   * One server of the run and what it said about itself.
   *
   * @param metadata its {@code GET /metadata} reply, or null when it gave none
   * @param error why there is no metadata, or null
   */
  public record Server(String url, Map<String, Object> metadata, String error) {
    /** A server that answered {@code GET /metadata} with this body (a JSON object). */
    public static Server answered(String url, String metadataJson) {
      try {
        return new Server(url, JSON.readValue(metadataJson, new TypeReference<>() {}), null);
      } catch (JacksonException e) {
        return new Server(url, null, "GET /metadata did not answer a JSON object");
      }
    }
  }

  /**
   * The machine the harness ran on.
   *
   * @param openFilesLimit this process's open-files limit (-1 when unknown)
   * @param ephemeralPorts the kernel's ephemeral port range, e.g. {@code 32768-60999}
   */
  public record Machine(
      String hostname,
      int cores,
      long memoryBytes,
      String os,
      String kernel,
      String arch,
      String jvm,
      long openFilesLimit,
      String ephemeralPorts) {}

  /**
   * The segment of a run that one harness process ran: segment {@code index} of {@code count} of
   * every cell's sessions ({@code loadgen.Segment}). The segments of one run share its {@code
   * run_id}, and {@code openenv-bench merge} puts them back together.
   *
   * @param host the host the segment ran on
   * @param clockOffsetSeconds this host's wall clock minus the reference clock's (positive =
   *     ahead), or null when it could not be measured
   * @param clockReference what the offset was measured against, e.g. {@code shared folder mtime}
   */
  public record SegmentOf(
      int index, int count, String host, Double clockOffsetSeconds, String clockReference) {}

  public RunManifest ended(String endedAt, String outcomeText) {
    return new RunManifest(
        formatVersion,
        runId,
        started,
        endedAt,
        outcomeText,
        tool,
        configuration,
        servers,
        machine,
        segment,
        mergedFrom);
  }

  /**
   * Whether two configurations (as written in manifests) are the same run's options, apart from the
   * keys in {@code ignore}. Compared as JSON, so a configuration read back from a file equals the
   * one it was written from.
   */
  public static boolean sameConfiguration(
      Map<String, Object> a, Map<String, Object> b, Set<String> ignore) {
    return firstDifference(a, b, ignore).isEmpty();
  }

  /**
   * A configuration key whose values differ, with each side's value as JSON ({@code null} for a key
   * one side lacks).
   */
  public record Difference(String key, String a, String b) {}

  /**
   * The first key (in {@code a}'s order, then {@code b}'s) whose values differ between two
   * configurations, apart from the keys in {@code ignore}; empty when they are the same run's
   * options. Compared as JSON, as {@link #sameConfiguration} does.
   */
  public static Optional<Difference> firstDifference(
      Map<String, Object> a, Map<String, Object> b, Set<String> ignore) {
    // As read back from the file: a long seed of 1 and the int 1 a manifest reads back are equal.
    ObjectNode x = (ObjectNode) JSON.readTree(JSON.writeValueAsString(a));
    ObjectNode y = (ObjectNode) JSON.readTree(JSON.writeValueAsString(b));
    x.remove(ignore);
    y.remove(ignore);
    Set<String> keys = new LinkedHashSet<>(x.propertyNames());
    keys.addAll(y.propertyNames());
    for (String key : keys) {
      JsonNode u = x.get(key);
      JsonNode v = y.get(key);
      if (!Objects.equals(u, v)) {
        return Optional.of(new Difference(key, String.valueOf(u), String.valueOf(v)));
      }
    }
    return Optional.empty();
  }

  /** Where a run's manifest lives in a result folder. */
  public static Path path(Path resultDir, String runId) {
    return resultDir.resolve("runs").resolve(runId).resolve(FILE);
  }

  /** Writes (or rewrites) the manifest atomically: a reader never sees half a file. */
  public Path write(Path resultDir) {
    return AtomicFile.write(path(resultDir, runId), JSON.writeValueAsString(this) + "\n");
  }

  public static RunManifest read(Path file) {
    try {
      return JSON.readValue(file.toFile(), RunManifest.class);
    } catch (JacksonException e) {
      throw new ResultFileException(file, "not a run manifest: " + e.getOriginalMessage());
    }
  }

  /** Every run manifest of a result folder, oldest first (none for the seed's folders). */
  public static List<RunManifest> all(Path resultDir) {
    Path runs = resultDir.resolve("runs");
    if (!Files.isDirectory(runs)) return List.of();
    List<RunManifest> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(runs)) {
      for (Path d : dirs.sorted().toList()) {
        Path f = d.resolve(FILE);
        if (Files.isRegularFile(f)) out.add(read(f));
      }
    } catch (IOException e) {
      throw new ResultFileException(runs, "cannot list: " + e.getMessage());
    }
    out.sort(Comparator.comparing(RunManifest::started));
    return out;
  }
}
