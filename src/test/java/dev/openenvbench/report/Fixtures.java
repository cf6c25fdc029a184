package dev.openenvbench.report;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The fixture result folders under src/test/resources/report-fixtures (see make_fixtures.py). */
final class Fixtures {
  static final List<String> ALL = List.of("local", "docker", "slurm-multi", "seed-python", "edges");
  static final Map<String, Integer> CORES = Map.of("local", 2, "docker", 2, "slurm-multi", 8);

  private Fixtures() {}

  static Path folder(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/report-fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> folders(List<String> names) {
    return names.stream().map(Fixtures::folder).toList();
  }

  /** Defaults of the command line: threshold 0.95, SLO 2 × (wait + 0.5 s). */
  static ReportConfig config(Path output, String... names) {
    return new ReportConfig(
        folders(List.of(names)), output, 0.95, OptionalDouble.empty(), true, Map.of(), CORES);
  }

  static Analysis analyse(ReportConfig config) throws java.io.IOException {
    return Analysis.of(
        ResultFolders.load(config.folders(), config.labels(), config.cores(), n -> {}), config);
  }
}
