package dev.openenvbench.cli;

import dev.openenvbench.loadgen.RequestHeaders;
import dev.openenvbench.loadgen.RunArgs;
import dev.openenvbench.loadgen.StepActions;
import dev.openenvbench.loadgen.ThinkTime;
import dev.openenvbench.loadgen.Workload;
import dev.openenvbench.protocol.UserActions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What each session sends and how it pauses (reset payload, actions, headers, think time): {@code
 * run}'s and {@code capacity}'s shared options, read into one {@link Workload}. Every value is
 * checked before any load; a header value is never printed.
 */
final class WorkloadOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = RunArgs.RESET_JSON,
      paramLabel = "JSON",
      description =
          "The reset's options, a JSON object: /ws sends {\"type\":\"reset\",\"data\":JSON}, HTTP"
              + " POST /reset sends it as the body (default: {} on /ws, no body on HTTP).")
  String resetJson;

  @Option(
      names = RunArgs.ACTION_JSON,
      paramLabel = "JSON",
      description =
          "The action every step sends, a JSON object, as it is (default: the benchmark's"
              + " {\"wait_seconds\": --wait}). {\"type\":\"mcp\",\"data\":{JSON-RPC}} sends an MCP"
              + " message instead (HTTP: POST /mcp).")
  String actionJson;

  @Option(
      names = RunArgs.ACTIONS,
      paramLabel = "FILE",
      description =
          "JSONL, one action per line as for --action-json: each session takes them in order"
              + " and starts over after the last.")
  Path actionsFile;

  @Option(
      names = RunArgs.HEADER,
      paramLabel = "'NAME: VALUE'",
      description =
          "A request header for the WebSocket upgrade and every HTTP request; repeatable. Values"
              + " are written nowhere (<redacted>).")
  List<String> headers = new ArrayList<>();

  @Option(
      names = RunArgs.HF_TOKEN_ENV,
      paramLabel = "NAME",
      description =
          "Send 'Authorization: Bearer $NAME' to every server (e.g. HF_TOKEN for a private Space)."
              + " Without it, $HF_TOKEN goes to *.hf.space servers only, never to another host.")
  String hfTokenEnv;

  @Option(
      names = RunArgs.THINK_SECONDS,
      paramLabel = "S|MIN..MAX",
      defaultValue = "0",
      description =
          "Pause before each step, as a model generating the next action: S seconds, or uniform"
              + " in MIN..MAX drawn with --seed. The session keeps its slot meanwhile"
              + " (default: ${DEFAULT-VALUE}).")
  String thinkSeconds;

  @Option(
      names = RunArgs.SEED,
      defaultValue = "" + Workload.DEFAULT_SEED,
      description =
          "Seed of the think-time draws and of --poisson arrivals' gaps (every repetition replays"
              + " the same ones), recorded in the manifest (default: ${DEFAULT-VALUE}).")
  long seed;

  /** Internal: set by a --processes parent, whose headers its children read from there. */
  @Option(names = RunArgs.HEADERS_ENV, hidden = true)
  String headersEnv;

  /**
   * @param env the process's environment (tokens, a parent's headers)
   * @throws IllegalArgumentException in one line: malformed JSON, an unreadable file, a bad header
   */
  Workload workload(Map<String, String> env) {
    if (actionJson != null && actionsFile != null) {
      throw new IllegalArgumentException(
          RunArgs.ACTION_JSON
              + " and "
              + RunArgs.ACTIONS
              + " both say what a step sends: give one");
    }
    StepActions actions =
        actionJson != null
            ? StepActions.ofJson(actionJson)
            : actionsFile != null ? StepActions.ofFile(actionsFile) : new StepActions.Benchmark();
    return new Workload(
        resetJson == null ? null : UserActions.reset(resetJson, RunArgs.RESET_JSON),
        actions,
        requestHeaders(env),
        ThinkTime.parse(thinkSeconds),
        seed);
  }

  private RequestHeaders requestHeaders(Map<String, String> env) {
    if (headersEnv == null) return RequestHeaders.of(headers, hfTokenEnv, env);
    String json = env.get(headersEnv);
    if (json == null) {
      throw new IllegalArgumentException(RunArgs.HEADERS_ENV + ": $" + headersEnv + " is not set");
    }
    return RequestHeaders.decode(json);
  }

  /**
   * The cells' waits: {@code shapeWaits} for the benchmark's action; with the user's actions the
   * wait they all ask for (0 when they ask none, or different ones), which {@code --wait} may only
   * repeat.
   */
  List<Double> waits(Workload workload, List<Double> shapeWaits) {
    if (!(workload.actions() instanceof StepActions.Given given)) return shapeWaits;
    double wait = given.cellWaitSeconds();
    var parsed = command.commandLine().getParseResult();
    boolean waitGiven =
        parsed.hasMatchedOption(RunArgs.WAIT) || parsed.hasMatchedOption("--wait-grid");
    if (waitGiven && !shapeWaits.equals(List.of(wait))) {
      throw new IllegalArgumentException(
          "--wait and --wait-grid set the benchmark's wait_seconds; with "
              + RunArgs.ACTION_JSON
              + " or "
              + RunArgs.ACTIONS
              + " the steps send your actions as they are (put wait_seconds in them)");
    }
    return List.of(wait);
  }
}
