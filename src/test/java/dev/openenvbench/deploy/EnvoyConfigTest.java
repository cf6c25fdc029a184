package dev.openenvbench.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers.Thresholds;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Envoy template and the config serve_multi.sh generates from it are valid Envoy v3 bootstrap
 * configs with the settings a WebSocket fleet needs. The Envoy binary itself cannot be installed on
 * CI machines, so this checks the schema, not a running Envoy.
 */
class EnvoyConfigTest {
  private static final Path TEMPLATE = Path.of("deploy/envoy/envoy-config-template.yaml");
  private static final Path RENDER = Path.of("deploy/envoy/render-envoy-config.sh");
  private static final Duration DISABLED = Duration.getDefaultInstance();

  @Test
  void templateIsAValidBootstrapWithWebSocketFleetSettings() throws Exception {
    Bootstrap bootstrap = EnvoyConfig.parse(Files.readString(TEMPLATE));

    assertFleetSettings(bootstrap);
    assertThat(endpoints(bootstrap)).containsExactly("127.0.0.1:8001");
  }

  @Test
  void generatedConfigListsEveryServerAndKeepsTheSettings() throws Exception {
    String yaml = render("node1:8000", "node2:8000", "10.200.0.13:9000");

    Bootstrap bootstrap = EnvoyConfig.parse(yaml);

    assertFleetSettings(bootstrap);
    assertThat(endpoints(bootstrap))
        .containsExactly("node1:8000", "node2:8000", "10.200.0.13:9000");
    SocketAddress listener =
        bootstrap.getStaticResources().getListeners(0).getAddress().getSocketAddress();
    assertThat(listener.getAddress() + ":" + listener.getPortValue()).isEqualTo("0.0.0.0:8123");
  }

  /** A broken edit of the template is rejected, and the parser's message names what is wrong. */
  @ParameterizedTest(name = "{3}: {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ROUND_ROBIN      | ROUND_ROBINN    | ROUND_ROBINN    | misspelled enum value",
        "- upgrade_type:  | - upgrade_typ:  | upgrade_typ     | unknown field",
        "router.v3.Router | router.v3.Routr | router.v3.Routr | unknown @type",
      })
  void brokenConfigIsRejectedWithTheParsersMessage(
      String original, String broken, String messageNames, String what) throws IOException {
    String yaml = Files.readString(TEMPLATE).replace(original, broken);

    assertThat(yaml).as(what).contains(broken);
    assertThatThrownBy(() -> EnvoyConfig.parse(yaml))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining(messageNames);
  }

  private static void assertFleetSettings(Bootstrap bootstrap) throws Exception {
    assertThat(bootstrap.getAdmin().getAddress().getSocketAddress().getAddress())
        .as("admin must stay on loopback")
        .isEqualTo("127.0.0.1");

    HttpConnectionManager hcm = EnvoyConfig.connectionManager(bootstrap);
    assertThat(hcm.getUpgradeConfigsList())
        .extracting(c -> c.getUpgradeType())
        .contains("websocket");
    assertThat(hcm.getStreamIdleTimeout()).as("stream idle timeout disabled").isEqualTo(DISABLED);
    assertThat(hcm.getRequestTimeout()).isEqualTo(DISABLED);
    List<Route> routes = hcm.getRouteConfig().getVirtualHosts(0).getRoutesList();
    Route ws = routes.get(0);
    assertThat(ws.getMatch().getPath()).isEqualTo("/ws");
    assertThat(ws.getRoute().getUpgradeConfigsList())
        .anySatisfy(
            u -> {
              assertThat(u.getUpgradeType()).isEqualTo("websocket");
              assertThat(u.getEnabled().getValue()).isTrue();
            });
    assertThat(routes).allSatisfy(r -> assertThat(r.getRoute().getTimeout()).isEqualTo(DISABLED));

    Cluster cluster = bootstrap.getStaticResources().getClusters(0);
    assertThat(cluster.getLbPolicy()).isEqualTo(Cluster.LbPolicy.ROUND_ROBIN);
    assertThat(cluster.getHealthChecks(0).getHttpHealthCheck().getPath()).isEqualTo("/health");
    Thresholds limits = cluster.getCircuitBreakers().getThresholds(0);
    for (long limit :
        List.of(
            (long) limits.getMaxConnections().getValue(),
            (long) limits.getMaxPendingRequests().getValue(),
            (long) limits.getMaxRequests().getValue())) {
      assertThat(limit)
          .as("circuit breaker above Envoy's default 1024")
          .isGreaterThanOrEqualTo(100_000);
    }
  }

  private static List<String> endpoints(Bootstrap bootstrap) {
    return bootstrap
        .getStaticResources()
        .getClusters(0)
        .getLoadAssignment()
        .getEndpoints(0)
        .getLbEndpointsList()
        .stream()
        .map(e -> e.getEndpoint().getAddress().getSocketAddress())
        .map(a -> a.getAddress() + ":" + a.getPortValue())
        .toList();
  }

  private static String render(String... backends) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", RENDER.toString()));
    command.addAll(List.of(backends));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("LB_PORT", "8123");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("render-envoy-config.sh exit code").isZero();
    return out;
  }
}
