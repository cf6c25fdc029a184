package dev.openenvbench.report;

import java.util.List;

/**
 * A self-contained HTML page of tables in the report's style (its stylesheet inlined, its
 * Content-Security-Policy: no fetch of any kind), for commands that show tables drawn from result
 * files, such as {@code compare}.
 */
public final class HtmlPage {
  private HtmlPage() {}

  /**
   * @param paragraphs plain text, one paragraph each, shown above the tables
   */
  public static String render(String title, List<String> paragraphs, List<Table> tables) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(HtmlReport.CSP)
        .append("\">\n");
    b.append("<link rel=\"icon\" href=\"data:,\">\n<title>")
        .append(HtmlReport.escape(title))
        .append("</title>\n<style>\n")
        .append(HtmlReport.resource("report.css"))
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(HtmlReport.escape(title))
        .append("</h1>\n");
    paragraphs.forEach(p -> b.append("<p>").append(HtmlReport.escape(p)).append("</p>\n"));
    tables.forEach(t -> b.append(HtmlReport.table(t)));
    return b.append("</body>\n</html>\n").toString();
  }
}
