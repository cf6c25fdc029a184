package dev.openenvbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.openenvbench.results.Csv;
import dev.openenvbench.results.FormatVersion;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryCsvWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html opened in real headless Chromium: every chart drawn, no script or console error, and
 * no request beyond the page itself. The page is served from a loopback server that logs every
 * path, so a relative script, stylesheet, image or favicon would show up; an absolute URL is
 * blocked by the page's Content-Security-Policy, which the page's guard records as an error.
 */
class HtmlReportChromiumTest {
  @TempDir Path dir;
  private final List<String> requested = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void reportDrawsEveryChartWithoutErrorsOrNetwork() throws Exception {
    Path out = dir.resolve("report");
    ReportService.Written w =
        ReportService.run(Fixtures.config(out, Fixtures.ALL.toArray(String[]::new)));
    String dom = HeadlessChromium.dumpDom(serve(out) + "/report.html", dir);

    assertThat(attribute(dom, "html", "data-js-errors")).as("script errors").isNull();
    assertThat(requested).as("requests to the server").containsExactly("/report.html");
    assertThat(attribute(dom, "html", "data-charts-rendered"))
        .isEqualTo(Integer.toString(w.figures().size()));
    for (Figure f : w.figures()) {
      String chart = chartElement(dom, f.id());
      assertThat(chart)
          .as(f.id())
          .contains("data-rendered=\"true\"")
          .contains("data-panels=\"" + f.panelCount() + "\"");
      assertThat(countOf(chartBody(dom, f.id()), "<svg"))
          .as(f.id() + " panels")
          .isEqualTo(f.panelCount());
    }
    assertThat(chartBody(dom, "success-vs-n")).contains("class=\"reference\"", "class=\"point\"");
    assertThat(chartBody(dom, "max-batch")).contains("class=\"bar\"");
    assertThat(chartBody(dom, "p99-heatmap")).contains("class=\"cell\"");
    assertThat(dom).contains("<td>≥ 32</td>", "grid too coarse");
    // The verdict comes before any definition or figure; the heatmap is coloured against the
    // SLO, so the fixtures' passing and failing cells get the pass and fail colours.
    assertThat(dom.indexOf("<section class=\"verdict\">"))
        .isPositive()
        .isLessThan(dom.indexOf("<h2>Definitions</h2>"))
        .isLessThan(dom.indexOf("<h2>Figures</h2>"));
    assertThat(chartBody(dom, "p99-heatmap"))
        .contains("fill=\"" + Figure.Band.PASS.rgb + "\"", "fill=\"" + Figure.Band.FAIL.rgb + "\"");
  }

  @Test
  void closeNsEachGetATickAndTheirLabelsDoNotOverlap() throws Exception {
    // A capacity search's bisection leaves Ns like 30, 31, 32 side by side on the log axis: once
    // drawn as "303132". Labels go where they fit; every N keeps its tick mark.
    Path folder = Files.createDirectories(dir.resolve("close"));
    StringBuilder csv = new StringBuilder(Csv.line(SummaryColumns.names(FormatVersion.CURRENT)));
    for (int n : List.of(1, 2, 4, 8, 16, 30, 31, 32, 64)) {
      csv.append(Csv.line(SummaryCsvWriter.cells(VerdictsTest.rep(n, n, 1.1, 0.01).build())));
    }
    Files.writeString(folder.resolve("summary.csv"), csv);
    Path out = dir.resolve("report");
    ReportService.run(
        new ReportConfig(
            List.of(folder),
            out,
            0.95,
            java.util.OptionalDouble.empty(),
            true,
            java.util.Map.of(),
            java.util.Map.of()));
    String dom = HeadlessChromium.dumpDom(serve(out) + "/report.html", dir);

    String chart = chartBody(dom, "success-vs-n");
    Matcher t =
        Pattern.compile("<text x=\"([0-9.]+)\"[^>]*class=\"tick\"[^>]*>([^<]*)<").matcher(chart);
    List<double[]> labels = new java.util.ArrayList<>();
    List<String> texts = new java.util.ArrayList<>();
    while (t.find()) {
      labels.add(new double[] {Double.parseDouble(t.group(1)), t.group(2).length()});
      texts.add(t.group(2));
    }
    assertThat(texts).contains("1", "16", "64").doesNotContain("303132");
    assertThat(texts)
        .as("not all three of 30, 31, 32 fit")
        .doesNotContainSequence("30", "31", "32");
    for (int i = 1; i < labels.size(); i++) {
      // A digit of the 14 px sans-serif font is under 9 px wide: centres this far apart clear.
      double apart = labels.get(i)[0] - labels.get(i - 1)[0];
      double needed = (labels.get(i)[1] + labels.get(i - 1)[1]) / 2 * 9;
      assertThat(apart).as(texts.get(i - 1) + " and " + texts.get(i)).isGreaterThan(needed);
    }
    // Every N tested has its tick mark on the axis, labelled or not: 9 Ns.
    assertThat(countOf(chart, "y2=\"481\"")).isEqualTo(9);
  }

  @Test
  void theGuardSeesErrorsAndTheServerSeesRequests() throws Exception {
    // Control: a page that breaks both rules must fail both checks used above.
    String guard = new String(HtmlReport.class.getResourceAsStream("guard.js").readAllBytes());
    Files.writeString(
        dir.resolve("bad.html"),
        "<!DOCTYPE html><html><head><script>"
            + guard
            + "</script></head><body><img src=\"/tracker.png\"><script>undefinedFn();</script>"
            + "</body></html>");
    String dom = HeadlessChromium.dumpDom(serve(dir) + "/bad.html", dir);
    assertThat(attribute(dom, "html", "data-js-errors")).contains("undefinedFn");
    assertThat(requested).contains("/bad.html", "/tracker.png");
  }

  private String serve(Path root) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          requested.add(path);
          Path file = root.resolve(path.substring(1)).normalize();
          byte[] body =
              file.startsWith(root) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
          ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            ex.getResponseBody().write(body);
          }
          ex.close();
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static String attribute(String dom, String tag, String name) {
    Matcher m = Pattern.compile("<" + tag + "\\b[^>]*>").matcher(dom);
    if (!m.find()) {
      return null;
    }
    Matcher a = Pattern.compile(name + "=\"([^\"]*)\"").matcher(m.group());
    return a.find() ? a.group(1) : null;
  }

  private static String chartElement(String dom, String id) {
    Matcher m = Pattern.compile("<div class=\"chart\" id=\"chart-" + id + "\"[^>]*>").matcher(dom);
    assertThat(m.find()).as("chart container " + id).isTrue();
    return m.group();
  }

  /** The chart's markup up to the next heading. */
  private static String chartBody(String dom, String id) {
    int start = dom.indexOf("id=\"chart-" + id + "\"");
    int end = dom.indexOf("<h3", start);
    return dom.substring(start, end < 0 ? dom.length() : end);
  }

  private static int countOf(String s, String what) {
    return s.split(Pattern.quote(what), -1).length - 1;
  }
}
