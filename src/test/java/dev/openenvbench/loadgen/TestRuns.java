package dev.openenvbench.loadgen;

import dev.openenvbench.cli.Main;
import dev.openenvbench.results.CellId;
import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.RawJsonlWriter;
import dev.openenvbench.results.SessionRecord;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/** The runs and cells the loadgen tests make: {@code run}'s defaults, what a test varies. */
final class TestRuns {
  private TestRuns() {}

  /**
   * One mode's cells of N = {@code ns} × {@code wait} against {@code url}, one repetition, no
   * warm-up, into {@code dir}.
   */
  static RunConfig config(
      CellPlan.Mode mode,
      String url,
      List<Integer> ns,
      double wait,
      boolean barrier,
      double timeoutSeconds,
      int processes,
      Path dir,
      Connection connection) {
    return new RunConfig(
        List.of(mode),
        List.of(Target.parse(url)),
        ns,
        List.of(wait),
        1,
        1,
        0,
        barrier,
        timeoutSeconds,
        null,
        dir,
        false,
        false,
        1000,
        List.of(),
        0,
        false,
        0,
        0,
        processes,
        null,
        0,
        false,
        connection,
        Workload.BENCHMARK,
        null,
        null,
        null);
  }

  /** A run service whose console goes to {@code console} and whose notices go nowhere. */
  static RunService service(StringWriter console) {
    return new RunService(
        NanoClock.SYSTEM,
        Main.childJvm(),
        new PrintWriter(console),
        new PrintStream(PrintStream.nullOutputStream()));
  }

  /** Runs one unrecorded cell of {@code plan} on {@code transport}, its rows into {@code rows}. */
  static CellSummary cell(ClientTransport transport, CellPlan plan, List<SessionRecord> rows)
      throws InterruptedException {
    try (SelfMonitor monitor = new SelfMonitor(transport.group());
        RawJsonlWriter raw = RawJsonlWriter.discarding().alsoTo(rows::add)) {
      transport.watchLag(monitor::lagMaxMs);
      return new CellRunner(transport, NanoClock.SYSTEM, 2)
          .run(
              plan,
              CellId.UNRECORDED,
              raw,
              monitor,
              new AbortSignal(),
              new CellProgress(plan.sessions()))
          .summary();
    }
  }
}
