package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvReader;
import dev.openenvbench.results.SummaryRecord;
import dev.openenvbench.server.BenchServer;
import dev.openenvbench.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} reads the server's own {@code /metrics} around each cell and writes its step overhead
 * and CPU into summary.csv: filled and complete against {@code serve --workers 2} (both workers
 * must answer before and after), empty against a server that has no {@code /metrics}.
 */
class ServerSideColumnsTest {
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void a_run_against_two_workers_has_both_workers_figures(@TempDir Path out) throws Exception {
    Cli.Result run =
        Cli.run(
            "run",
            "--server-workers",
            "2",
            "-m",
            "ws",
            "-n",
            "40",
            "-w",
            "0.05",
            "--warmup",
            "0",
            "--no-progress",
            "-o",
            out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    SummaryRecord row = SummaryCsvReader.read(out.resolve("summary.csv")).rows().getFirst();
    assertThat(row.get(SummaryColumns.UNIQUE_PIDS)).as("both workers served sessions").isEqualTo(2);
    assertThat(row.get(SummaryColumns.SERVER_METRICS)).isEqualTo("complete");
    Double p50 = row.get(SummaryColumns.SERVER_STEP_OVERHEAD_P50);
    Double p99 = row.get(SummaryColumns.SERVER_STEP_OVERHEAD_P99);
    assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
    assertThat(p99).isLessThan(Double.POSITIVE_INFINITY);
    assertThat(row.get(SummaryColumns.SERVER_CPU_SECONDS)).isPositive();
    assertThat(run.out()).containsPattern("server_ovhd +<=\\d\\.\\d{4} +<=\\d\\.\\d{4}");
    assertThat(run.out()).doesNotContain("PARTIAL");
    System.out.println(run.out());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void a_server_without_metrics_leaves_the_columns_empty(@TempDir Path out) throws Exception {
    try (BenchServer server = BenchServer.startBenchmark(ServerConfig.of("127.0.0.1", 0, 100));
        MetricsHidingProxy proxy = new MetricsHidingProxy(URI.create(server.url()).getPort())) {
      Cli.Result run =
          Cli.run(
              "run",
              "--url",
              "http://127.0.0.1:" + proxy.port(),
              "-m",
              "ws",
              "-n",
              "5",
              "-w",
              "0.05",
              "--warmup",
              "0",
              "--no-progress",
              "-o",
              out.toString());
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(proxy.metricsRequests).as("run asked for /metrics").isPositive();
      SummaryRecord row = SummaryCsvReader.read(out.resolve("summary.csv")).rows().getFirst();
      assertThat(row.get(SummaryColumns.SUCCESSFUL)).isEqualTo(5);
      assertThat(row.get(SummaryColumns.SERVER_METRICS)).isNull();
      assertThat(row.get(SummaryColumns.SERVER_STEP_OVERHEAD_P50)).isNull();
      assertThat(row.get(SummaryColumns.SERVER_STEP_OVERHEAD_P99)).isNull();
      assertThat(row.get(SummaryColumns.SERVER_CPU_SECONDS)).isNull();
      assertThat(run.out()).doesNotContain("server_ovhd");
    }
  }

  /**
   * A TCP proxy in front of a real server that answers {@code GET /metrics} with 404 itself and
   * passes every other connection through byte for byte: a server like ours without metrics.
   */
  private static final class MetricsHidingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstream;
    volatile int metricsRequests;

    MetricsHidingProxy(int upstream) throws IOException {
      this.upstream = upstream;
      listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(this::accept);
    }

    int port() {
      return listener.getLocalPort();
    }

    private void accept() {
      while (!listener.isClosed()) {
        try {
          Socket client = listener.accept();
          Thread.ofVirtual().start(() -> serve(client));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket client) {
      try (client) {
        InputStream in = client.getInputStream();
        byte[] head = new byte[13];
        int n = in.readNBytes(head, 0, head.length);
        if (new String(head, 0, n, StandardCharsets.US_ASCII).startsWith("GET /metrics")) {
          metricsRequests++;
          client
              .getOutputStream()
              .write(
                  "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                      .getBytes(StandardCharsets.US_ASCII));
          return;
        }
        try (Socket server = new Socket(InetAddress.getLoopbackAddress(), upstream)) {
          OutputStream toServer = server.getOutputStream();
          toServer.write(head, 0, n);
          Thread back = Thread.ofVirtual().start(() -> pipe(server, client));
          pipe(client, server);
          back.join();
        }
      } catch (IOException | InterruptedException e) {
        // the connection ended
      }
    }

    private static void pipe(Socket from, Socket to) {
      try {
        from.getInputStream().transferTo(to.getOutputStream());
        to.shutdownOutput();
      } catch (IOException e) {
        // either side closed
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }
}
