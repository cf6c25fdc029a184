package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.CellSummary;
import dev.openenvbench.results.RawFields;
import dev.openenvbench.results.SessionRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code unique_hosts} for any environment, over real sockets: from the observation's host_url when
 * it has one, else from a backend-identifying header, else from the peer address; the row says
 * which.
 */
class UniqueHostsTest {
  private final List<SessionRecord> rows = new CopyOnWriteArrayList<>();

  private CellSummary cell(CellPlan.Mode mode, int n, TestWsServer... servers)
      throws InterruptedException {
    List<Target> targets =
        java.util.Arrays.stream(servers).map(s -> Target.parse(s.url())).toList();
    CellPlan plan =
        new CellPlan(mode, targets, n, 0, 1, 1, 0, false, 30, null, null, Workload.BENCHMARK);
    try (ClientTransport transport = new ClientTransport(1, List.of())) {
      return TestRuns.cell(transport, plan, rows);
    }
  }

  @Test
  void the_observations_host_url_counts_first() throws Exception {
    try (TestWsServer a = new TestWsServer(null);
        TestWsServer b = new TestWsServer(null)) {
      b.hostUrl.set("t:2");
      a.servedBy.set("same-for-both");
      b.servedBy.set("same-for-both");

      CellSummary s = cell(CellPlan.Mode.WS, 4, a, b);

      assertThat(List.of(s.uniqueHosts(), s.hostsSource())).containsExactly(2, "host_url");
    }
  }

  @Test
  void without_host_url_a_backend_header_tells_the_backends_apart() throws Exception {
    try (TestWsServer a = new TestWsServer(null);
        TestWsServer b = new TestWsServer(null)) {
      for (TestWsServer s : List.of(a, b)) s.hostUrl.set(null);
      a.servedBy.set("backend-a");
      b.servedBy.set("backend-b");

      for (CellPlan.Mode mode : CellPlan.Mode.values()) {
        rows.clear();
        CellSummary s = cell(mode, 4, a, b);

        assertThat(List.of(s.successful(), s.uniqueHosts(), s.hostsSource()))
            .as(mode.label())
            .containsExactly(4, 2, "header");
        assertThat(rows)
            .extracting(r -> r.get(RawFields.BACKEND))
            .containsOnly("x-served-by=backend-a", "x-served-by=backend-b");
      }
    }
  }

  @Test
  void with_neither_the_peer_address_counts() throws Exception {
    try (TestWsServer a = new TestWsServer(null);
        TestWsServer b = new TestWsServer(null)) {
      for (TestWsServer s : List.of(a, b)) s.hostUrl.set(null);

      CellSummary s = cell(CellPlan.Mode.WS, 4, a, b);

      assertThat(List.of(s.uniqueHosts(), s.hostsSource())).containsExactly(2, "peer_address");
      assertThat(rows).extracting(r -> r.get(RawFields.BACKEND)).containsOnlyNulls();
    }
  }
}
