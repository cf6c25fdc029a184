package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openenvbench.env.BenchmarkEnvironmentType;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * The port rule, in one process with real sockets: a supervisor's claim lets its workers (servers
 * binding with SO_REUSEPORT) share the port and refuses everyone else, a single server's port is
 * its own, and a claim survives what an earlier server left behind.
 */
class PortClaimTest {
  private static final String HOST = "127.0.0.1";

  @Test
  void workers_share_a_claimed_port_and_a_single_server_is_refused_it() throws Exception {
    try (PortClaim claim = PortClaim.forWorkers(HOST, 0);
        BenchServer a = worker(claim.port());
        BenchServer b = worker(claim.port())) {
      assertThat(b.port()).isEqualTo(a.port()).isEqualTo(claim.port());
      assertThatThrownBy(() -> single(claim.port()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("cannot listen on 127.0.0.1:" + claim.port() + ": ")
          .hasMessageContaining("in use");
    }
  }

  @Test
  void a_second_supervisor_is_refused_a_claimed_port_before_and_after_its_workers_listen()
      throws Exception {
    try (PortClaim claim = PortClaim.forWorkers(HOST, 0)) {
      assertThatThrownBy(() -> PortClaim.forWorkers(HOST, claim.port()))
          .as("no worker listening yet")
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("in use");
      try (BenchServer w = worker(claim.port())) {
        assertThatThrownBy(() -> PortClaim.forWorkers(HOST, claim.port()))
            .as("a worker listening")
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void a_single_servers_port_is_refused_to_a_single_server_a_supervisor_and_a_worker()
      throws Exception {
    try (BenchServer first = single(0)) {
      int port = first.port();
      assertThatThrownBy(() -> single(port)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> PortClaim.forWorkers(HOST, port))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> worker(port))
          .as("a stray worker cannot join it either")
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void a_port_is_claimable_again_once_the_claim_and_its_workers_are_closed() throws Exception {
    int port;
    try (PortClaim claim = PortClaim.forWorkers(HOST, 0);
        BenchServer w = worker(claim.port())) {
      port = claim.port();
    }
    try (PortClaim again = PortClaim.forWorkers(HOST, port)) {
      assertThat(again.port()).isEqualTo(port);
    }
  }

  @Test
  void connections_in_time_wait_of_an_earlier_server_do_not_make_the_port_in_use()
      throws Exception {
    int port = portWithServerSideTimeWait();

    try (PortClaim claim = PortClaim.forWorkers(HOST, port);
        BenchServer w = worker(claim.port())) {
      assertThat(w.port()).isEqualTo(port);
    }
  }

  /** A port whose listener (no SO_REUSEPORT) is gone, with a connection it closed first. */
  private static int portWithServerSideTimeWait() throws Exception {
    try (ServerSocket listener = new ServerSocket()) {
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(HOST, 0));
      try (Socket client = new Socket(HOST, listener.getLocalPort())) {
        listener.accept().close(); // the server's side closes first: it enters TIME_WAIT
        assertThat(client.getInputStream().read()).as("end of stream at the client").isEqualTo(-1);
      }
      return listener.getLocalPort();
    }
  }

  private static BenchServer worker(int port) throws InterruptedException {
    return start(port, PortSharing.WITH_SIBLING_WORKERS);
  }

  private static BenchServer single(int port) throws InterruptedException {
    return start(port, PortSharing.EXCLUSIVE);
  }

  private static BenchServer start(int port, PortSharing sharing) throws InterruptedException {
    ServerConfig config = ServerConfig.of(HOST, port, 10);
    return BenchServer.start(
        config, host -> new BenchmarkEnvironmentType(config.maxWaitSeconds(), host), sharing);
  }
}
