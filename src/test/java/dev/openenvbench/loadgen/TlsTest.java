package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openenvbench.env.BenchmarkProfile;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * https/wss over real sockets: a server behind TLS with a self-signed certificate made here by the
 * JDK's keytool, trusted by {@code --insecure} or {@code --ca-cert}, refused otherwise; the TLS
 * handshake timed as its own phase; replies above the old 1 MiB HTTP cap.
 */
class TlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  @TempDir static Path certs;
  @TempDir Path dir;
  static Path keystore;
  static Path caPem;

  @BeforeAll
  static void selfSignedCertificate() throws Exception {
    keystore = certs.resolve("server.p12");
    caPem = certs.resolve("ca.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "san=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-file",
        caPem.toString());
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  private static SslContext serverTls() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    return SslContextBuilder.forServer(kmf).build();
  }

  private RunService.RunOutcome run(String url, CellPlan.Mode mode, Connection c) throws Exception {
    RunConfig cfg = TestRuns.config(mode, url, List.of(3), 0.1, false, 30, 1, dir, c);
    return TestRuns.service(new StringWriter()).run(cfg, new AbortSignal(), p -> {});
  }

  private static Connection trust(boolean insecure, Path ca) {
    return new Connection(
        20, 60, 0, Connection.Abandon.CLOSE, 120, insecure, ca, 0, Connection.RELEASE_RATE_AUTO);
  }

  @Test
  void wss_with_insecure_succeeds_and_times_the_tls_handshake_as_its_own_phase() throws Exception {
    try (TestWsServer server = new TestWsServer(serverTls())) {
      run(server.url(), CellPlan.Mode.WS, trust(true, null));

      List<JsonNode> raw = ResultFiles.raw(dir);
      assertThat(raw)
          .hasSize(3)
          .allSatisfy(
              r -> {
                assertThat(r.path("success").asBoolean()).isTrue();
                double tls = r.path("tls_handshake_latency").asDouble();
                assertThat(tls).isPositive().isLessThan(r.path("ws_upgrade_latency").asDouble());
              });
    }
  }

  @Test
  void wss_and_https_with_the_servers_certificate_as_ca_cert_succeed() throws Exception {
    try (TestWsServer server = new TestWsServer(serverTls())) {
      run(server.url(), CellPlan.Mode.WS, trust(false, caPem));
      run(server.url(), CellPlan.Mode.HTTP, trust(false, caPem));

      List<Map<String, String>> rows = ResultFiles.summary(dir);
      assertThat(rows).extracting(r -> r.get("successful")).containsExactly("3", "3");
      // Each session that opened an https connection timed its handshake (the three sessions of
      // the cell start at once, so each opens its own); one that reused a connection had none.
      List<JsonNode> http =
          ResultFiles.raw(dir).stream()
              .filter(r -> r.path("mode").asString().equals("http"))
              .toList();
      assertThat(http)
          .hasSize(3)
          .allSatisfy(
              r -> {
                double tls = r.path("tls_handshake_latency").asDouble();
                assertThat(tls).isPositive().isLessThan(r.path("total_latency").asDouble());
              });
    }
  }

  @Test
  void a_self_signed_server_is_refused_without_insecure_or_ca_cert() throws Exception {
    try (TestWsServer server = new TestWsServer(serverTls())) {
      assertThatThrownBy(() -> run(server.url(), CellPlan.Mode.WS, Connection.DEFAULT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("pre-flight check failed: the TLS handshake with 127.0.0.1:");
    }
  }

  @Test
  void a_ca_cert_that_is_no_certificate_is_refused_in_one_line() throws Exception {
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello\n");
    try (TestWsServer server = new TestWsServer(serverTls())) {
      assertThatThrownBy(() -> run(server.url(), CellPlan.Mode.WS, trust(false, notPem)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("--ca-cert " + notPem + ": not a PEM certificate file");
    }
  }

  @Test
  void http_replies_above_one_mib_are_read_up_to_the_protocols_16_mib() throws Exception {
    ServerConfig config =
        ServerConfig.of("127.0.0.1", 0, 10).withProfile(new BenchmarkProfile(0, 0, 3 << 20));
    try (BenchServer s = BenchServer.startBenchmark(config)) {
      run(s.url(), CellPlan.Mode.HTTP, Connection.DEFAULT);

      assertThat(ResultFiles.summary(dir).getFirst()).containsEntry("successful", "3");
    }
  }
}
