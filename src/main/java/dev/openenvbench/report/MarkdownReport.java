package dev.openenvbench.report;

import java.util.List;

/** report.md: the verdict, then definitions, every table, links to the PNG figures. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(Analysis a, List<Table> tables, List<Figure> figures) {
    StringBuilder b = new StringBuilder("# openenv-bench report\n\n");
    b.append("Infrastructures: ");
    b.append(String.join(", ", a.infras().stream().map(InfraResults::label).toList()));
    b.append("\n\n");
    Table verdict = Verdicts.table(a);
    b.append("## ").append(verdict.title()).append("\n\n").append(verdict.description());
    b.append("\n\n").append(verdict.markdown().substring(verdict.markdown().indexOf("| ")));
    if (!a.inputNotes().isEmpty()) {
      b.append("## Notes on the input files\n\n");
      a.inputNotes().forEach(n -> b.append("- ").append(n).append('\n'));
      b.append('\n');
    }
    b.append("## Definitions\n\n");
    Definitions.of(a.config()).forEach(d -> b.append("- ").append(d).append('\n'));
    b.append("\n## Tables\n\n");
    tables.forEach(t -> b.append(t.markdown()));
    b.append("## Figures\n\n");
    figures.forEach(
        f ->
            b.append("### ")
                .append(f.title())
                .append("\n\n![")
                .append(f.title())
                .append("](")
                .append(f.id())
                .append(".png)\n\n"));
    return b.toString();
  }
}
