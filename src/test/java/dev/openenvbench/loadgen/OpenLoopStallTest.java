package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.openenvbench.cli.Main;
import dev.openenvbench.env.BenchmarkVariant;
import dev.openenvbench.env.Environment;
import dev.openenvbench.env.ForwardingEnvironment;
import dev.openenvbench.env.HostIdentity;
import dev.openenvbench.protocol.StepResult;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Coordinated omission, over real sockets: the server stalls one step for a second while arrivals
 * keep coming at 40/s with one session allowed in flight. The sessions that arrived during the
 * stall wait for the slot and then run fast: measured from where they started (uncorrected) the
 * stall disappears from the tail; measured from when they were meant to start (corrected) it is
 * there. This is wrk2's example with sessions for requests.
 */
class OpenLoopStallTest {
  private static final int STALLED_STEP = 20;
  private static final long STALL_MILLIS = 1000;
  @TempDir Path dir;

  /** The benchmark environment whose 20th step of the server's life takes a second longer. */
  static final class StallingEnvironmentType extends BenchmarkVariant {
    private final AtomicInteger steps = new AtomicInteger();

    StallingEnvironmentType(HostIdentity host) {
      super(host);
    }

    @Override
    public Environment create() throws Exception {
      return new ForwardingEnvironment(benchmark.create()) {
        @Override
        public StepResult step(Map<String, Object> action) throws Exception {
          if (steps.incrementAndGet() == STALLED_STEP) Thread.sleep(STALL_MILLIS);
          return inner.step(action);
        }
      };
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ws", "http"})
  void a_server_stall_shows_in_the_corrected_tail_and_not_in_the_uncorrected_one(String mode)
      throws Exception {
    try (BenchServer server =
        BenchServer.start(ServerConfig.of("127.0.0.1", 0, 10), StallingEnvironmentType::new)) {
      int exit =
          Main.execute(
              "run",
              "--url",
              server.url(),
              "-m",
              mode,
              "-w",
              "0",
              "--arrival-rate",
              "40",
              "--duration",
              "3",
              "--max-in-flight",
              "1",
              "-o",
              dir.toString(),
              "--no-progress",
              "--warmup",
              "0");
      assertThat(exit).isZero();
    }

    Map<String, String> row = ResultFiles.summary(dir).getFirst();
    double corrected = Double.parseDouble(row.get("total_p99"));
    double uncorrected = Double.parseDouble(row.get("total_uncorrected_p99"));
    // 120 arrivals, ~40 of them during the stall, each waiting up to 1 s for the slot.
    assertThat(Double.parseDouble(row.get("arrival_rate"))).isEqualTo(40.0);
    assertThat(row.get("arrival_process")).isEqualTo("constant");
    assertThat(row.get("sessions_scheduled")).isEqualTo("120");
    int started = Integer.parseInt(row.get("num_requests"));
    assertThat(started + Integer.parseInt(row.get("sessions_dropped"))).isEqualTo(120);
    assertThat(Integer.parseInt(row.get("sessions_late"))).isGreaterThanOrEqualTo(20);
    assertThat(corrected).as("corrected p99").isGreaterThan(0.8);
    assertThat(Double.parseDouble(row.get("total_p90"))).as("corrected p90").isGreaterThan(0.2);
    assertThat(uncorrected).as("uncorrected p99: one stalled session of 120").isLessThan(0.5);
    assertThat(Double.parseDouble(row.get("total_uncorrected_max")))
        .as("the stalled session itself")
        .isGreaterThanOrEqualTo(1.0);
    assertThat(Double.parseDouble(row.get("start_delay_max"))).isGreaterThan(0.8);

    List<JsonNode> raw = ResultFiles.raw(dir);
    assertThat(raw).hasSize(started);
    assertThat(raw)
        .allSatisfy(
            r -> {
              assertThat(r.path("success").asBoolean()).isTrue();
              assertThat(r.path("arrival_rate").asDouble()).isEqualTo(40.0);
              assertThat(r.path("batch_size").asInt()).as("planned").isEqualTo(120);
              double delay = r.path("start_delay").asDouble();
              assertThat(delay).isGreaterThanOrEqualTo(0);
              assertThat(
                      r.path("start_offset").asDouble()
                          - r.path("intended_start_offset").asDouble())
                  .isCloseTo(delay, within(1e-6));
              // Arrivals are 25 ms apart, in request_id order.
              assertThat(r.path("intended_start_offset").asDouble())
                  .isCloseTo(r.path("request_id").asInt() / 40.0, within(1e-6));
            });
  }
}
