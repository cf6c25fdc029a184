package dev.openenvbench.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** One scrape of a Prometheus text endpoint: each sample line's {@code name{labels}} → value. */
public record Scrape(Map<String, Double> samples) {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public static Scrape of(int port) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) throw new AssertionError("HTTP " + r.statusCode());
      Map<String, Double> samples = new LinkedHashMap<>();
      for (String line : r.body().split("\n")) {
        if (line.isBlank() || line.startsWith("#")) continue;
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
      return new Scrape(samples);
    } catch (IOException e) {
      throw new AssertionError("scrape of port " + port + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The value of a sample, e.g. {@code value("x_total")} or {@code value("x{phase=\"step\"}")}. */
  public double value(String sample) {
    Double v = samples.get(sample);
    if (v == null) throw new AssertionError("no sample " + sample + " in " + samples.keySet());
    return v;
  }

  /** The samples whose name (before any labels) is {@code name}. */
  public Map<String, Double> named(String name) {
    Map<String, Double> m = new LinkedHashMap<>();
    samples.forEach(
        (k, v) -> {
          if (k.equals(name) || k.startsWith(name + "{")) m.put(k, v);
        });
    return m;
  }
}
