package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.SessionRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client's WebSocket keep-alive over real sockets, against a server that counts the pings it
 * receives and can stop answering them.
 */
class ClientKeepaliveTest {
  private final List<SessionRecord> rows = new CopyOnWriteArrayList<>();

  /** One cell of {@code n} WebSocket sessions, each stepping {@code waitSeconds} once. */
  private CellSummary cell(TestWsServer server, Connection c, int n, double waitSeconds)
      throws InterruptedException {
    return cell(server, c, n, waitSeconds, t -> {});
  }

  private CellSummary cell(
      TestWsServer server,
      Connection c,
      int n,
      double waitSeconds,
      java.util.function.Consumer<ClientTransport> meanwhile)
      throws InterruptedException {
    CellPlan plan =
        new CellPlan(
            CellPlan.Mode.WS,
            List.of(Target.parse(server.url())),
            n,
            waitSeconds,
            1,
            1,
            0,
            false,
            30,
            null,
            null,
            Workload.BENCHMARK);
    try (ClientTransport transport = new ClientTransport(1, List.of(), c)) {
      meanwhile.accept(transport);
      return TestRuns.cell(transport, plan, rows);
    }
  }

  private static Connection pings(double everySeconds, double pongTimeoutSeconds) {
    return new Connection(
        everySeconds,
        pongTimeoutSeconds,
        0,
        Connection.Abandon.CLOSE,
        120,
        false,
        null,
        0,
        Connection.RELEASE_RATE_AUTO);
  }

  @Test
  void a_session_pings_the_server_every_interval_while_it_waits_for_a_step() throws Exception {
    try (TestWsServer server = new TestWsServer(null)) {
      CellSummary s = cell(server, pings(0.2, 5), 2, 1.5);

      assertThat(s.successful()).isEqualTo(2);
      // 1.5 s of step at one ping each 0.2 s: 7 per session, fewer only on a very late loop.
      assertThat(server.pings.get()).isBetween(2 * 4, 2 * 8);
    }
  }

  @Test
  void no_pings_are_sent_with_ping_seconds_zero() throws Exception {
    try (TestWsServer server = new TestWsServer(null)) {
      CellSummary s = cell(server, pings(0, 5), 1, 0.6);

      assertThat(s.successful()).isEqualTo(1);
      assertThat(server.pings.get()).isZero();
    }
  }

  @Test
  void a_server_that_stops_answering_pings_fails_the_session_as_ping_timeout() throws Exception {
    try (TestWsServer server = new TestWsServer(null)) {
      server.answerPings.set(false);
      long start = System.nanoTime();

      CellSummary s = cell(server, pings(0.2, 0.6), 1, 20);

      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(s.failed()).isEqualTo(1);
      assertThat(s.errors()).containsOnlyKeys("ping_timeout");
      assertThat(rows.getFirst().get(RawFields.ERROR_MESSAGE))
          .isEqualTo("no pong within 0.6 s of a keep-alive ping");
      // First ping at 0.2 s, its deadline 0.6 s later: long before the 20 s step would end.
      assertThat(seconds).isBetween(0.8, 10.0);
    }
  }

  @Test
  void pongs_that_come_keep_a_long_step_alive() throws Exception {
    try (TestWsServer server = new TestWsServer(null)) {
      CellSummary s = cell(server, pings(0.1, 0.5), 1, 2.0);

      assertThat(s.successful()).isEqualTo(1);
      assertThat(server.pings.get()).isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void a_missing_pong_is_blamed_on_the_harness_when_its_own_event_loop_was_as_late()
      throws Exception {
    try (TestWsServer server = new TestWsServer(null)) {
      server.answerPings.set(false);

      // The harness's only event loop stops for 1.5 s, from before the first ping's deadline.
      CellSummary s =
          cell(
              server,
              pings(0.2, 0.5),
              1,
              20,
              t -> t.group().schedule(() -> sleep(1500), 300, TimeUnit.MILLISECONDS));

      assertThat(s.errors()).containsOnlyKeys("harness_stalled");
      assertThat(rows.getFirst().get(RawFields.ERROR_MESSAGE))
          .startsWith("no pong within 0.5 s, but the harness's event loop was ")
          .endsWith(" ms late: not the server's fault");
      assertThat(s.harness().saturated()).isTrue();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
