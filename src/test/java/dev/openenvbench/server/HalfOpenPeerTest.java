package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openenvbench.protocol.WsDrop;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client whose host vanishes in the middle of a step, for real: the client is a process in a
 * network namespace ({@link NetnsLink}, subnet 10.237.0.0/24, used by no other test), and the link
 * is cut while it waits for its reply, so the server gets no FIN and no RST. Before pings, its slot
 * was held until the kernel gave up retransmitting, many minutes later; now it is freed after the
 * pong timeout. Needs root and iproute2 (the test says so when either is missing).
 */
class HalfOpenPeerTest {
  private static final String NAMESPACE = "oeslots";
  private static final String SUBNET = "10.237.0";

  @Test
  void aPeerCutOffMidStepIsDroppedAfterThePongTimeoutAndItsStepCancelled() throws Exception {
    try (NetnsLink link = NetnsLink.create(NAMESPACE, SUBNET);
        ServerFixture fixture =
            ServerFixture.start(
                ServerConfig.of(link.hostAddress(), 0, 2)
                    .withSlotRules(SlotRules.of(1, 3, 0, 0)))) {
      ServerMetrics metrics = fixture.server.metrics();
      String wsUrl = "ws://" + link.hostAddress() + ":" + fixture.server.port() + "/ws";
      Process client =
          link.start(
              List.of(
                  ProcessHandle.current().info().command().orElseThrow(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  NetnsWsClient.class.getName(),
                  wsUrl,
                  "600"));
      BlockingQueue<String> events = linesOf(client);

      assertThat(events.poll(60, TimeUnit.SECONDS)).as("reset reply").startsWith("text ");
      ServerFixture.awaitGauge("steps in flight", metrics::stepsInFlight, 1);
      // While the link is up the client answers pings and keeps its session in the long step.
      // (Before pings existed none came: the test then goes on, to show the slot kept.)
      int pingsAnswered = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (pingsAnswered < 2 && System.nanoTime() < deadline) {
        pingsAnswered += "ping".equals(events.poll(100, TimeUnit.MILLISECONDS)) ? 1 : 0;
      }
      assertThat(metrics.activeSessions()).isEqualTo(1);

      link.cut();

      await("the cut-off peer's slot freed")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .untilAsserted(() -> assertThat(metrics.activeSessions()).isZero());
      assertThat(metrics.dropped(WsDrop.PONG_TIMEOUT)).isEqualTo(1);
      assertThat(metrics.callsCancelled()).as("its 600 s step cancelled").isEqualTo(1);
      assertThat(metrics.stepsInFlight()).isZero();
      assertThat(pingsAnswered).as("pings the client answered before the cut").isPositive();
    }
  }

  private static BlockingQueue<String> linesOf(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  lines.add(line);
                }
              } catch (Exception e) {
                lines.add("error " + e);
              }
            });
    return lines;
  }
}
