package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.Routes;
import dev.openenvbench.results.RunManifest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks each server of a run what it is ({@code GET /metadata}: its environment's name, version,
 * ...) for the run manifest, before any load. A server that does not answer is recorded with the
 * reason; it does not stop the run (the run's own checks decide that).
 */
final class ServerMetadata {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private ServerMetadata() {}

  static List<RunManifest.Server> fetch(List<Target> targets, RequestHeaders headers) {
    List<RunManifest.Server> out = new ArrayList<>();
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      for (Target t : targets) out.add(fetch(client, t, headers));
    }
    return out;
  }

  private static RunManifest.Server fetch(HttpClient client, Target t, RequestHeaders headers) {
    try {
      HttpRequest req =
          headers.request(t, URI.create(t.url() + Routes.METADATA)).timeout(TIMEOUT).build();
      HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return new RunManifest.Server(t.url(), null, "GET /metadata answered " + r.statusCode());
      }
      return RunManifest.Server.answered(t.url(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RunManifest.Server(t.url(), null, "interrupted");
    } catch (Exception e) {
      return new RunManifest.Server(
          t.url(), null, "GET /metadata failed: " + headers.redact(String.valueOf(e)));
    }
  }
}
