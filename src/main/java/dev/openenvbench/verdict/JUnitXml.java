package dev.openenvbench.verdict;

import dev.openenvbench.results.OutputWriteException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code --junit FILE}: the checks as a JUnit XML report (the Ant/Surefire layout CI servers read),
 * one test case per configuration × threshold. A case's {@code classname} is the configuration, its
 * {@code name} the threshold; a failing case carries the measured value in its {@code failure}.
 * Built as a DOM so that every name and message is escaped by the XML library, not by hand.
 */
public final class JUnitXml {
  static final String SUITE = "openenv-bench thresholds";

  private JUnitXml() {}

  public static String render(List<Check> checks, String timestamp) {
    try {
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
      Element suites = doc.createElement("testsuites");
      doc.appendChild(suites);
      Element suite = doc.createElement("testsuite");
      suites.appendChild(suite);
      long failures = checks.stream().filter(c -> !c.passed()).count();
      for (Element e : List.of(suites, suite)) {
        e.setAttribute("name", SUITE);
        e.setAttribute("tests", Integer.toString(checks.size()));
        e.setAttribute("failures", Long.toString(failures));
        e.setAttribute("errors", "0");
        e.setAttribute("time", "0");
      }
      suite.setAttribute("skipped", "0");
      suite.setAttribute("timestamp", timestamp);
      for (Check c : checks) {
        Element tc = doc.createElement("testcase");
        tc.setAttribute("classname", c.where());
        tc.setAttribute("name", c.threshold().toString());
        tc.setAttribute("time", "0");
        if (!c.passed()) {
          Element f = doc.createElement("failure");
          f.setAttribute("type", "threshold");
          f.setAttribute("message", c.outcome());
          f.setTextContent(
              String.format(
                  Locale.ROOT,
                  "%s%nconfiguration: %s%nrepetitions: %d (combined as report does)%n",
                  c.outcome(),
                  c.where(),
                  c.repetitions()));
          tc.appendChild(f);
        } else {
          Element out = doc.createElement("system-out");
          out.setTextContent(c.outcome());
          tc.appendChild(out);
        }
        suite.appendChild(tc);
      }
      var t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      StringWriter w = new StringWriter();
      t.transform(new DOMSource(doc), new StreamResult(w));
      return w.toString();
    } catch (ParserConfigurationException | TransformerException e) {
      throw new IllegalStateException("the JDK's XML library failed", e);
    }
  }

  /**
   * @throws OutputWriteException the file cannot be written
   */
  public static void write(Path file, List<Check> checks, String timestamp) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(file, render(checks, timestamp), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OutputWriteException(file, e);
    }
  }
}
