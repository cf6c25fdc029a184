package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.BenchmarkAction;
import dev.openenvbench.protocol.ClientMessage;
import dev.openenvbench.protocol.UserActions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each step of a session sends: the benchmark's {@code {"wait_seconds": w}} (the default), or
 * the actions the user gave ({@code --action-json}, {@code --actions FILE}), taken in order per
 * session and cycled. An action that is exactly {@code {"type":"mcp","data":{JSON-RPC request}}} is
 * sent as that {@code /ws} message (HTTP: {@code POST /mcp}) instead of as a step: how an MCP-tool
 * environment is driven (docs/protocol.md §5.2). Immutable and thread-safe.
 */
public sealed interface StepActions {
  /** The message step {@code step} (0-based) of a session sends, in a cell of that wait. */
  ClientMessage message(int step, double cellWaitSeconds);

  /**
   * The {@code wait_seconds} step {@code step} asks the server for, or null when its action has
   * none (then the step has no overhead to report).
   */
  Double waitSeconds(int step, double cellWaitSeconds);

  /** The settings for the run manifest, by option name. */
  Map<String, Object> describe();

  /** The benchmark environment's action with the cell's wait. */
  record Benchmark() implements StepActions {
    @Override
    public ClientMessage message(int step, double cellWaitSeconds) {
      return new ClientMessage.Step(new BenchmarkAction(cellWaitSeconds).json());
    }

    @Override
    public Double waitSeconds(int step, double cellWaitSeconds) {
      return cellWaitSeconds;
    }

    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("action_json", null);
      m.put("actions_file", null);
      return m;
    }
  }

  /**
   * The user's actions, each a step or an MCP message.
   *
   * @param actionJson the {@code --action-json} text, or null
   * @param file the {@code --actions} file, or null
   * @param sha256 the file's digest when there is one, so that a resumed run sees a changed file
   */
  record Given(List<ClientMessage> messages, String actionJson, Path file, String sha256)
      implements StepActions {
    public Given {
      messages = List.copyOf(messages);
      if (messages.isEmpty()) throw new IllegalArgumentException("no action");
    }

    @Override
    public ClientMessage message(int step, double cellWaitSeconds) {
      return messages.get(step % messages.size());
    }

    @Override
    public Double waitSeconds(int step, double cellWaitSeconds) {
      return UserActions.waitSeconds(messages.get(step % messages.size()));
    }

    /**
     * The {@code wait_seconds} a cell of these actions records: the one every action asks for when
     * they all ask the same, else 0 (none, or different ones). {@code run --wait} and an
     * experiment's {@code wait_seconds} may only repeat it.
     */
    public double cellWaitSeconds() {
      Set<Double> waits = new java.util.HashSet<>();
      for (ClientMessage m : messages) waits.add(UserActions.waitSeconds(m));
      Double common = waits.size() == 1 ? waits.iterator().next() : null;
      return common == null ? 0 : common;
    }

    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("action_json", actionJson);
      m.put("actions_file", file == null ? null : file.toString());
      if (file != null) {
        m.put("actions_sha256", sha256);
        m.put("actions_count", messages.size());
      }
      return m;
    }
  }

  /**
   * {@code --action-json}: one action for every step.
   *
   * @throws IllegalArgumentException in one line when it is not one JSON object
   */
  static Given ofJson(String text) {
    return ofJson(text, "--action-json");
  }

  /** One action for every step, {@code where} naming its source in an error. */
  public static Given ofJson(String text, String where) {
    return new Given(List.of(UserActions.action(text, where)), text, null, null);
  }

  /**
   * {@code --actions FILE}: one action per line (blank lines skipped).
   *
   * @throws IllegalArgumentException in one line naming the file (and line) when it cannot be read,
   *     is empty, or a line is not a JSON object
   */
  static Given ofFile(Path file) {
    return ofFile(file, "--actions " + file);
  }

  /** One action per line of {@code file}, {@code where} naming it in an error. */
  public static Given ofFile(Path file, String where) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          where + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    }
    List<ClientMessage> messages = new ArrayList<>();
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) continue;
      messages.add(UserActions.action(lines[i], where + " line " + (i + 1)));
    }
    if (messages.isEmpty()) {
      throw new IllegalArgumentException(where + ": no action in it (one per line)");
    }
    return new Given(messages, null, file, sha256(bytes));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
