package dev.openenvbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * report.html: one self-contained file. Tables are HTML; charts are drawn in the browser by the
 * inlined charts.js from the inlined JSON. A Content-Security-Policy forbids every fetch, so the
 * page cannot reach the network even by mistake.
 */
final class HtmlReport {
  static final String CSP =
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

  private HtmlReport() {}

  static String render(Analysis a, List<Table> tables, List<Figure> figures) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n");
    b.append("<link rel=\"icon\" href=\"data:,\">\n<title>openenv-bench report</title>\n");
    b.append("<script>\n").append(resource("guard.js")).append("</script>\n");
    b.append("<style>\n").append(resource("report.css")).append("</style>\n</head>\n<body>\n");
    b.append("<h1>openenv-bench report</h1>\n<p>Infrastructures: ")
        .append(escape(String.join(", ", a.infras().stream().map(InfraResults::label).toList())))
        .append("</p>\n");
    b.append(verdict(Verdicts.table(a)));
    if (!a.inputNotes().isEmpty()) {
      b.append("<h2>Notes on the input files</h2>\n<ul>\n");
      a.inputNotes().forEach(n -> b.append("<li>").append(escape(n)).append("</li>\n"));
      b.append("</ul>\n");
    }
    b.append("<h2>Definitions</h2>\n<ul>\n");
    Definitions.of(a.config()).forEach(d -> b.append("<li>").append(escape(d)).append("</li>\n"));
    b.append("</ul>\n<h2>Figures</h2>\n");
    for (Figure f : figures) {
      b.append("<h3>")
          .append(escape(f.title()))
          .append("</h3>\n<div class=\"chart\" id=\"chart-")
          .append(f.id())
          .append("\" data-rendered=\"false\"></div>\n");
    }
    b.append("<h2>Tables</h2>\n");
    tables.forEach(t -> b.append(table(t)));
    b.append("<script type=\"application/json\" id=\"report-data\">")
        .append(json(figures))
        .append("</script>\n<script>\n")
        .append(resource("charts.js"))
        .append("</script>\n</body>\n</html>\n");
    return b.toString();
  }

  /** The verdict opens the page: its own heading, a one-line answer per row, no scrolling. */
  private static String verdict(Table t) {
    StringBuilder b = new StringBuilder("<section class=\"verdict\">\n<h2>");
    b.append(escape(t.title())).append("</h2>\n<p>").append(escape(t.description()));
    b.append("</p>\n<table>\n<tr>");
    t.headers().forEach(h -> b.append("<th>").append(escape(h)).append("</th>"));
    b.append("</tr>\n");
    int answer = t.headers().indexOf("sessions");
    for (List<String> r : t.rows()) {
      b.append("<tr>");
      for (int i = 0; i < r.size(); i++) {
        String cls = i == answer ? " class=\"answer\"" : "";
        b.append("<td").append(cls).append(">").append(escape(r.get(i))).append("</td>");
      }
      b.append("</tr>\n");
    }
    return b.append("</table>\n</section>\n").toString();
  }

  static String table(Table t) {
    StringBuilder b = new StringBuilder();
    b.append("<h3 id=\"table-")
        .append(t.id())
        .append("\">")
        .append(escape(t.title()))
        .append("</h3>\n<p>")
        .append(escape(t.description()))
        .append("</p>\n<table>\n<tr>");
    t.headers().forEach(h -> b.append("<th>").append(escape(h)).append("</th>"));
    b.append("</tr>\n");
    for (List<String> r : t.rows()) {
      b.append("<tr>");
      r.forEach(c -> b.append("<td>").append(escape(c)).append("</td>"));
      b.append("</tr>\n");
    }
    return b.append("</table>\n").toString();
  }

  /** The figures as JSON, safe inside a script element. */
  static String json(List<Figure> figures) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("figures", figures.stream().map(FigureJson::of).toList());
    return JsonMapper.builder().build().writeValueAsString(data).replace("</", "<\\/");
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
