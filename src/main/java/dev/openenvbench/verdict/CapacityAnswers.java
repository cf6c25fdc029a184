package dev.openenvbench.verdict;

import dev.openenvbench.report.InfraResults;
import dev.openenvbench.results.CapacityFile;
import dev.openenvbench.results.CapacityFile.Answer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Pairs the capacity.json answers of two folders by mode and wait, for {@code compare}. */
final class CapacityAnswers {
  private CapacityAnswers() {}

  /**
   * The answers both folders' capacity.json have for the same mode and wait, in the base's order.
   * Adds to {@code notes} the answers only one side has, and the search criteria (SLO, thresholds,
   * session shape, bounds) that differ, since those change what an answer means.
   */
  static List<CapacityChange> match(
      InfraResults base,
      InfraResults cand,
      Path baseDir,
      Path candDir,
      double tolerance,
      List<String> notes) {
    if (base.capacities().isEmpty() && cand.capacities().isEmpty()) return List.of();
    if (base.capacities().isEmpty() || cand.capacities().isEmpty()) {
      notes.add(
          "only "
              + (base.capacities().isEmpty() ? "the candidate" : "the base")
              + " has a capacity.json: its capacity answers are compared with nothing");
      return List.of();
    }
    List<CapacityChange> out = new ArrayList<>();
    for (Answer b : base.capacities()) {
      Optional<Answer> c = cand.capacities().stream().filter(x -> same(x, b)).findFirst();
      if (c.isPresent()) out.add(new CapacityChange(b, c.get(), tolerance));
      else notes.add("capacity search only in base, not compared: " + describe(b));
    }
    cand.capacities().stream()
        .filter(c -> base.capacities().stream().noneMatch(b -> same(b, c)))
        .forEach(c -> notes.add("capacity search only in candidate, not compared: " + describe(c)));
    Map<String, String> x = CapacityFile.criteria(baseDir);
    Map<String, String> y = CapacityFile.criteria(candDir);
    for (String k : x.keySet()) {
      if (!Objects.equals(x.get(k), y.get(k))) {
        notes.add(
            "capacity criterion "
                + k
                + " differs: "
                + shown(x.get(k))
                + " in base, "
                + shown(y.get(k))
                + " in candidate");
      }
    }
    return out;
  }

  /** A criterion's JSON text; null (an option not given) is its default. */
  private static String shown(String json) {
    return json == null || json.equals("null") ? "the default" : json;
  }

  private static boolean same(Answer a, Answer b) {
    return a.mode().equals(b.mode()) && a.waitSeconds() == b.waitSeconds();
  }

  static String describe(Answer a) {
    return a.mode() + " wait " + Check.number(a.waitSeconds()) + " s";
  }
}
