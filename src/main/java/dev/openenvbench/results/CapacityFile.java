package dev.openenvbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code capacity.json} format (docs/capacity.md): its name, version and the keys a reader
 * needs, and the one reader of its answers. The writer ({@code capacity.CapacityJson}) names its
 * keys from here, so that the file and what {@code report} reads of it cannot drift apart.
 */
public final class CapacityFile {
  public static final String FILE = "capacity.json";

  /** Raised when a key is renamed or changes meaning (new keys may be added); readers check it. */
  public static final int FORMAT_VERSION = 1;

  public static final String FORMAT_VERSION_KEY = "format_version";
  public static final String RUN_ID = "run_id";
  public static final String SEARCHES = "searches";
  public static final String CRITERIA = "criteria";
  public static final String STOPPED = "stopped";
  public static final String MODE = "mode";
  public static final String WAIT_SECONDS = "wait_seconds";
  public static final String CAPACITY = "capacity";
  public static final String BRACKET = "bracket";
  public static final String PASS = "pass";
  public static final String FAIL = "fail";
  public static final String RESOLVED = "resolved";
  public static final String LIMITING_FACTOR = "limiting_factor";
  public static final String KIND = "kind";
  public static final String TEXT = "text";
  public static final String LOWER_BOUND = "lower_bound";
  public static final String CONFIRMED = "confirmed";

  private CapacityFile() {}

  /**
   * One search's answer as {@code report} shows it.
   *
   * @param runId the run whose summary rows are the search's probes
   * @param fail the smallest N that failed, or 0 when none did
   * @param limitKind e.g. {@code session_cap}; {@code limitText} the factor with its evidence
   * @param judgedOn the search's pass criteria at this wait, in words, e.g. {@code success ≥ 0.95,
   *     total p99 ≤ 1.4 s}
   */
  public record Answer(
      String runId,
      String mode,
      double waitSeconds,
      int capacity,
      int fail,
      boolean resolved,
      String limitKind,
      String limitText,
      boolean lowerBound,
      boolean confirmed,
      String judgedOn) {
    /** The kind of a search that found nothing failing up to {@code --max-sessions}. */
    public static final String MAX_SESSIONS = "max_sessions";

    /** The kind of a search whose failing probes the harness itself limited. */
    public static final String HARNESS = "harness";

    /**
     * Whether the capacity may be higher than the bracket says: the harness was saturated at or
     * above the failing N ({@code lowerBound}), or no N failed (up to {@code --max-sessions}, or
     * the search stopped first).
     */
    public boolean atLeast() {
      return lowerBound || fail == 0;
    }

    /**
     * The answer as the report and compare show it: "96", "≥ 16" (a lower bound, or nothing failed
     * up to {@code --max-sessions}), "< 8" (even the smallest N failed).
     */
    public String display() {
      if (capacity == 0 && fail > 0 && !lowerBound) return "< " + fail;
      return atLeast() ? "≥ " + capacity : Integer.toString(capacity);
    }

    /** Why the answer is only a lower bound, in words; empty when it is not one. */
    public String whyAtLeast() {
      if (lowerBound) return "a lower bound: the harness was saturated at or above the failing N";
      if (fail > 0) return "";
      return MAX_SESSIONS.equals(limitKind)
          ? "a lower bound: nothing failed up to --max-sessions"
          : "a lower bound: the search stopped before any N failed";
    }
  }

  /**
   * The answers in a result folder's capacity.json, none when it has none.
   *
   * @throws ResultFileException the file is not JSON, not a capacity.json, or of a newer version
   */
  public static List<Answer> read(Path folder) {
    JsonNode root = root(folder);
    if (root == null) return List.of();
    String runId = root.path(RUN_ID).asString("");
    List<Answer> out = new ArrayList<>();
    for (JsonNode s : root.path(SEARCHES)) {
      JsonNode limit = s.path(LIMITING_FACTOR);
      double wait = s.path(WAIT_SECONDS).asDouble(Double.NaN);
      out.add(
          new Answer(
              runId,
              s.path(MODE).asString(""),
              s.path(WAIT_SECONDS).asDouble(Double.NaN),
              s.path(CAPACITY).asInt(0),
              s.path(BRACKET).path(FAIL).asInt(0),
              s.path(BRACKET).path(RESOLVED).asBoolean(false),
              limit.path(KIND).asString(""),
              limit.path(TEXT).asString(""),
              s.path(LOWER_BOUND).asBoolean(false),
              s.path(CONFIRMED).asBoolean(false),
              judgedOn(root.path(CRITERIA), wait)));
    }
    return out;
  }

  /**
   * A search's pass criteria in words, as {@code capacity} applied them: its success threshold, its
   * SLO ({@code --p99-slo}, else the seed's 2 × (wait + 0.5 s)) on the phase it names, and its
   * thresholds.
   */
  static String judgedOn(JsonNode criteria, double waitSeconds) {
    double success = criteria.path("success_threshold").asDouble(SeedCriterion.MIN_SUCCESS_RATE);
    JsonNode given = criteria.path("p99_slo_seconds");
    double slo = given.isNumber() ? given.asDouble() : SeedCriterion.p99LimitSeconds(waitSeconds);
    StringBuilder b = new StringBuilder();
    b.append("success ≥ ").append(SeedCriterion.number(success));
    b.append(", ").append(criteria.path("slo_phase").asString("total")).append(" p99 ≤ ");
    b.append(SeedCriterion.number(slo)).append(" s");
    for (JsonNode t : criteria.path("thresholds")) b.append(", ").append(t.asString(""));
    return b.toString();
  }

  /**
   * The search's criteria ({@code criteria}: bounds, SLO, thresholds, session shape) by name, each
   * value as JSON text; empty when the folder has no capacity.json.
   *
   * @throws ResultFileException as {@link #read}
   */
  public static Map<String, String> criteria(Path folder) {
    JsonNode root = root(folder);
    Map<String, String> out = new LinkedHashMap<>();
    if (root != null)
      root.path(CRITERIA).properties().forEach(e -> out.put(e.getKey(), e.getValue().toString()));
    return out;
  }

  /** The file's root object, checked; null when the folder has none. */
  private static JsonNode root(Path folder) {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) return null;
    JsonNode root;
    try {
      root = JsonMapper.builder().build().readTree(Files.readString(file));
    } catch (IOException | JacksonException e) {
      // Jackson's message goes on to quote the source over several lines: keep its first.
      String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new ResultFileException(file, "not readable as JSON (" + why + ")");
    }
    int version = root.path(FORMAT_VERSION_KEY).asInt(0);
    if (version < 1 || !root.path(SEARCHES).isArray()) {
      throw new ResultFileException(file, "not a capacity.json of openenv-bench capacity");
    }
    if (version > FORMAT_VERSION) {
      throw new ResultFileException(
          file,
          "format_version "
              + version
              + " is newer than this build reads ("
              + FORMAT_VERSION
              + "); use a newer openenv-bench");
    }
    return root;
  }
}
