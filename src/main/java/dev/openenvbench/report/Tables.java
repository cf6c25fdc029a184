package dev.openenvbench.report;

import java.util.ArrayList;
import java.util.List;

/** Builds the report's tables from an {@link Analysis}. */
public final class Tables {
  private Tables() {}

  public static List<Table> all(Analysis a) {
    List<Table> all =
        new ArrayList<>(
            List.of(
                maxBatch(a),
                httpVsWs(a),
                latencyAtMax(a),
                batchPerCore(a),
                FairnessTable.of(a),
                cells(a)));
    // Only folders with open-loop cells get their table: the seed's sweeps read as before.
    if (a.infras().stream().anyMatch(i -> !i.openLoopRows().isEmpty())) {
      all.add(OpenLoopTable.of(a));
    }
    return all;
  }

  static Table maxBatch(Analysis a) {
    List<List<String>> rows = new ArrayList<>();
    for (MaxBatch m : a.maxBatches()) {
      rows.add(
          List.of(
              m.infra(),
              m.mode(),
              m.session(),
              Format.waitSeconds(m.waitSeconds()),
              m.display(),
              Integer.toString(m.maxN()),
              limitWord(m.limit()),
              m.nextN() == 0 ? "" : Integer.toString(m.nextN()),
              Boolean.toString(m.gridTooCoarse()),
              m.atMax().map(c -> Format.rate(c.successMean())).orElse("n/a"),
              m.atMax().map(c -> Format.seconds(c.totalP99Seconds())).orElse("n/a"),
              String.join("; ", m.notes())));
    }
    return new Table(
        "max-batch",
        "Max batch by infrastructure × mode × session × wait",
        "The largest N whose success rate (mean over repetitions) met the threshold"
            + (a.config().latencySlo()
                ? " and whose total p99 met the SLO."
                : " (latency SLO off)."),
        List.of(
            "infra",
            "mode",
            "session",
            "wait_s",
            "max_batch",
            "max_n",
            "limit",
            "next_n",
            "grid_too_coarse",
            "success_at_max",
            "total_p99_at_max_s",
            "notes"),
        rows);
  }

  static Table httpVsWs(Analysis a) {
    List<List<String>> rows = new ArrayList<>();
    for (InfraResults infra : a.infras()) {
      for (String session : a.sessions()) {
        for (double wait : a.waits()) {
          var ws = a.maxBatch(infra.label(), "ws", session, wait);
          var http = a.maxBatch(infra.label(), "http", session, wait);
          if (ws.isEmpty() && http.isEmpty()) {
            continue;
          }
          rows.add(
              List.of(
                  infra.label(),
                  session,
                  Format.waitSeconds(wait),
                  ws.map(MaxBatch::display).orElse("not run"),
                  http.map(MaxBatch::display).orElse("not run"),
                  ws.isPresent() && http.isPresent() && http.get().maxN() > 0
                      ? Format.ratio((double) ws.get().maxN() / http.get().maxN())
                      : "n/a",
                  winner(ws.orElse(null), http.orElse(null))));
        }
      }
    }
    return new Table(
        "http-vs-ws",
        "HTTP vs WebSocket",
        "Max batch per mode; ratio = WS max / HTTP max. A winner is named only when the sweep"
            + " located the lower mode's limit.",
        List.of("infra", "session", "wait_s", "ws_max", "http_max", "ws_http_ratio", "winner"),
        rows);
  }

  /** "ws", "http", "tie", or why there is none. */
  static String winner(MaxBatch ws, MaxBatch http) {
    if (ws == null || http == null) {
      return "n/a (" + (ws == null ? "ws" : "http") + " not run)";
    }
    for (MaxBatch m : List.of(ws, http)) {
      if (m.limit() == MaxBatch.Limit.NOT_MEASURED) {
        return "n/a (" + m.mode() + " not measured)";
      }
    }
    if (ws.maxN() == http.maxN()) {
      boolean bothKnown =
          ws.limit() != MaxBatch.Limit.NOT_REACHED && http.limit() != MaxBatch.Limit.NOT_REACHED;
      return bothKnown ? "tie" : "inconclusive (limit not reached)";
    }
    MaxBatch lower = ws.maxN() < http.maxN() ? ws : http;
    if (lower.limit() == MaxBatch.Limit.NOT_REACHED) {
      return "inconclusive (" + lower.mode() + " limit not reached)";
    }
    return ws.maxN() > http.maxN() ? "ws" : "http";
  }

  static Table latencyAtMax(Analysis a) {
    List<List<String>> rows = new ArrayList<>();
    for (MaxBatch m : a.maxBatches()) {
      m.atMax()
          .ifPresent(
              c ->
                  rows.add(
                      List.of(
                          c.infra(),
                          c.mode(),
                          c.session(),
                          Format.waitSeconds(c.waitSeconds()),
                          Integer.toString(c.n()),
                          Format.seconds(c.connectP50Seconds()),
                          Format.seconds(c.resetP50Seconds()),
                          Format.seconds(c.stepP50Seconds()),
                          Format.seconds(c.totalP99Seconds()),
                          Format.millisFromSeconds(c.stepOverheadP99Seconds()))));
    }
    return new Table(
        "latency-at-max",
        "Latency breakdown at max load",
        "At each max batch: p50s are the median repetition's, p99s the worst repetition's."
            + " Step overhead = step latency − requested wait.",
        List.of(
            "infra",
            "mode",
            "session",
            "wait_s",
            "n",
            "connect_p50_s",
            "reset_p50_s",
            "step_p50_s",
            "total_p99_s",
            "step_overhead_p99_ms"),
        rows);
  }

  static Table batchPerCore(Analysis a) {
    List<List<String>> rows = new ArrayList<>();
    for (MaxBatch m : a.maxBatches()) {
      var cores =
          a.infras().stream()
              .filter(i -> i.label().equals(m.infra()))
              .findFirst()
              .orElseThrow()
              .cores();
      if (cores.isPresent()) {
        rows.add(
            List.of(
                m.infra(),
                Integer.toString(cores.getAsInt()),
                m.mode(),
                m.session(),
                Format.waitSeconds(m.waitSeconds()),
                m.display(),
                Format.ratio((double) m.maxN() / cores.getAsInt())));
      }
    }
    return new Table(
        "batch-per-core",
        "Batch per core",
        "Max batch divided by the cores given with --cores (infrastructures without it are left out).",
        List.of("infra", "cores", "mode", "session", "wait_s", "max_batch", "batch_per_core"),
        rows);
  }

  static Table cells(Analysis a) {
    List<List<String>> rows = new ArrayList<>();
    a.cells()
        .values()
        .forEach(
            cs ->
                cs.forEach(
                    c ->
                        rows.add(
                            List.of(
                                c.infra(),
                                c.mode(),
                                c.session(),
                                Format.waitSeconds(c.waitSeconds()),
                                Integer.toString(c.n()),
                                Integer.toString(c.repetitions()),
                                Format.rate(c.successMean()),
                                Format.rate(c.successMin()),
                                Format.rate(c.successMax()),
                                Format.seconds(c.totalP99Seconds()),
                                Format.seconds(c.sloSeconds()),
                                Boolean.toString(c.passes()),
                                Boolean.toString(c.harnessSaturated()),
                                Integer.toString(c.incompleteRepetitions())))));
    return new Table(
        "configurations",
        "Every configuration",
        "Success rate = mean over repetitions, spread = min/max; total p99 = worst repetition."
            + " stopped_reps: repetitions the run stopped in, left out (n/a: none finished).",
        List.of(
            "infra",
            "mode",
            "session",
            "wait_s",
            "n",
            "reps",
            "success_mean",
            "success_min",
            "success_max",
            "total_p99_s",
            "slo_s",
            "passes",
            "harness_saturated",
            "stopped_reps"),
        rows);
  }

  static String limitWord(MaxBatch.Limit l) {
    return switch (l) {
      case FOUND -> "found";
      case NOT_REACHED -> "not reached";
      case NONE_PASSED -> "none passed";
      case NOT_MEASURED -> "not measured";
    };
  }
}
