package dev.openenvbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What happens when a client goes away while its session is busy (docs/server.md "Slot rules"),
 * over real sockets: the call in progress is cancelled, the environment is closed after it and off
 * the event loop, and the slot is held until then, so steps in flight never exceed the cap.
 */
class SessionEndTest {
  private static final String STEP_30_S = "{\"type\":\"step\",\"data\":{\"wait_seconds\":30}}";

  @Test
  void orphanedBenchmarkStepsAreCancelledSoReconnectingClientsNeverExceedTheCap() throws Exception {
    int cap = 2;
    try (ServerFixture fixture = ServerFixture.start(cap)) {
      ServerMetrics metrics = fixture.server.metrics();
      // Five clients in turn, each leaving in the middle of a 30 s step: before the fix every one
      // of those steps went on sleeping without a slot, 5 in flight with a cap of 2.
      for (int i = 1; i <= 5; i++) {
        WsTestClient ws = WsTestClient.connect(fixture.url());
        ws.call("{\"type\":\"reset\"}");
        ws.send(STEP_30_S);
        ServerFixture.awaitGauge("steps in flight", metrics::stepsInFlight, 1);
        ws.abort();
        fixture.awaitNoSessions();
        ServerFixture.awaitGauge("steps in flight after client " + i, metrics::stepsInFlight, 0);
        assertThat(metrics.callsCancelled()).isEqualTo(i);
      }
      assertThat(fixture.get("/metrics").body())
          .containsPattern("(?m)^openenv_calls_cancelled_total\\{pid=\"\\d+\"} 5\\.0$");
    }
  }

  @Test
  void aBlockingStepIsInterruptedAndTheEnvironmentClosedAfterItOffTheEventLoop() throws Exception {
    AtomicReference<BlockingEnvironmentType> type = new AtomicReference<>();
    try (ServerFixture fixture = start(2, type, false);
        WsTestClient ws = WsTestClient.connect(fixture.url())) {
      ws.call("{\"type\":\"reset\"}");
      ws.send(STEP_30_S);
      assertThat(type.get().stepStarted.await(10, TimeUnit.SECONDS)).isTrue();
      ws.abort();
      // Well before the step's 30 s: it was interrupted, not waited out.
      assertThat(type.get().closed.await(10, TimeUnit.SECONDS)).as("env closed").isTrue();
      assertThat(type.get().stepInterrupted).isTrue();
      assertThat(type.get().closedDuringStep).as("close() overlapped the step").isFalse();
      assertThat(type.get().closeThread.get().isVirtual())
          .as("close() on a virtual thread")
          .isTrue();
      fixture.awaitNoSessions();
      ServerFixture.awaitGauge("steps in flight", fixture.server.metrics()::stepsInFlight, 0);
    }
  }

  @Test
  void aStepThatIgnoresTheInterruptKeepsItsSlotUntilItEnds() throws Exception {
    AtomicReference<BlockingEnvironmentType> type = new AtomicReference<>();
    try (ServerFixture fixture = start(1, type, true)) {
      ServerMetrics metrics = fixture.server.metrics();
      WsTestClient first = WsTestClient.connect(fixture.url());
      first.call("{\"type\":\"reset\"}");
      first.send(STEP_30_S);
      assertThat(type.get().stepStarted.await(10, TimeUnit.SECONDS)).isTrue();
      first.abort();
      await("the cancelled step interrupted")
          .atMost(Duration.ofSeconds(10))
          .until(() -> type.get().stepInterrupted.get());
      ServerFixture.awaitGauge("sessions ending", metrics::sessionsEnding, 1);
      // The environment still exists, so its slot is still taken: the cap of 1 holds.
      try (WsTestClient second = WsTestClient.connect(fixture.url())) {
        assertThat(second.next()).contains("\"code\":\"CAPACITY_REACHED\"");
        assertThat(second.awaitClose()).isEqualTo(1000);
      }
      assertThat(metrics.stepsInFlight()).isEqualTo(1);
      type.get().stepRelease.countDown();
      assertThat(type.get().closed.await(10, TimeUnit.SECONDS)).as("env closed").isTrue();
      assertThat(type.get().closedDuringStep).as("close() overlapped the step").isFalse();
      fixture.awaitNoSessions();
      ServerFixture.awaitGauge("sessions ending", metrics::sessionsEnding, 0);
      try (WsTestClient third = WsTestClient.connect(fixture.url())) {
        assertThat(third.call("{\"type\":\"reset\"}")).startsWith("{\"type\":\"observation\"");
      }
    }
  }

  @Test
  void anEnvironmentBuiltAfterItsClientLeftIsClosedOffTheEventLoopThenItsSlotFreed()
      throws Exception {
    AtomicReference<BlockingEnvironmentType> type = new AtomicReference<>();
    try (ServerFixture fixture = start(1, type, false)) {
      type.get().holdFactory();
      WsTestClient ws = WsTestClient.connect(fixture.url());
      assertThat(type.get().factoryStarted.await(10, TimeUnit.SECONDS)).isTrue();
      ws.abort();
      // The connection is gone, but the factory has not returned: the slot stays taken.
      await("the slot held while the factory runs")
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> fixture.server.metrics().activeSessions() == 1);
      type.get().releaseFactory();
      assertThat(type.get().closed.await(10, TimeUnit.SECONDS)).as("env closed").isTrue();
      assertThat(type.get().closeThread.get().isVirtual())
          .as("close() of the late environment on a virtual thread, not the event loop")
          .isTrue();
      fixture.awaitNoSessions();
    }
  }

  private static ServerFixture start(
      int cap, AtomicReference<BlockingEnvironmentType> type, boolean ignoresInterrupts)
      throws InterruptedException {
    return new ServerFixture(
        BenchServer.start(
            ServerConfig.of("127.0.0.1", 0, cap),
            host -> {
              type.set(new BlockingEnvironmentType(host, ignoresInterrupts));
              return type.get();
            }));
  }
}
