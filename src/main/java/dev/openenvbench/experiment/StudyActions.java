package dev.openenvbench.experiment;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.openenvbench.loadgen.StepActions;
import dev.openenvbench.loadgen.ThinkTime;
import dev.openenvbench.loadgen.Workload;
import dev.openenvbench.protocol.ClientMessage;
import dev.openenvbench.protocol.UserActions;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code actions:} what each session of a study sends and how it pauses, as {@code run}'s {@code
 * --reset-json}, {@code --action-json}, {@code --actions}, {@code --think-seconds} and {@code
 * --seed} say it (docs/run.md, "Any environment"). The JSON values may be written as YAML mappings
 * or as JSON text. Checked while the file is read, so a malformed action stops the study at its
 * line before any load. At the top of the file it applies to every infrastructure; under an
 * infrastructure it replaces the top's for that one.
 *
 * @param actionsFile JSONL, one action per line, taken in order per session and cycled; a relative
 *     path is taken from the working directory, as {@code run}'s is
 * @param thinkSeconds seconds, or {@code "MIN..MAX"}
 */
public record StudyActions(
    JsonNode resetJson,
    JsonNode actionJson,
    String actionsFile,
    JsonNode thinkSeconds,
    Long seed,
    @JsonAnySetter Map<String, Object> unknown) {

  public StudyActions {
    Keys.noUnknown(unknown, StudyActions.class);
    if (actionJson != null && actionsFile != null) {
      throw new IllegalArgumentException(
          "action_json and actions_file both say what a step sends: give one");
    }
    // Parse each now, while its place in the file is known (a compact constructor sees its
    // parameters, not yet its fields: hence the static forms).
    reset(resetJson);
    steps(actionJson, actionsFile);
    think(thinkSeconds);
  }

  ClientMessage.Reset reset() {
    return reset(resetJson);
  }

  StepActions steps() {
    return steps(actionJson, actionsFile);
  }

  ThinkTime think() {
    return think(thinkSeconds);
  }

  private static ClientMessage.Reset reset(JsonNode resetJson) {
    return resetJson == null ? null : UserActions.reset(text(resetJson), "reset_json");
  }

  private static StepActions steps(JsonNode actionJson, String actionsFile) {
    if (actionJson != null) return StepActions.ofJson(text(actionJson), "action_json");
    if (actionsFile != null) {
      return StepActions.ofFile(Path.of(actionsFile), "actions_file " + actionsFile);
    }
    return new StepActions.Benchmark();
  }

  private static ThinkTime think(JsonNode thinkSeconds) {
    if (thinkSeconds == null) return ThinkTime.NONE;
    return ThinkTime.parse(thinkSeconds.isNumber() ? thinkSeconds.asString() : text(thinkSeconds));
  }

  long seedOrDefault() {
    return seed == null ? Workload.DEFAULT_SEED : seed;
  }

  /** A JSON value written as JSON text in the YAML, or as a YAML mapping. */
  private static String text(JsonNode node) {
    return node.isString() ? node.asString() : node.toString();
  }
}
