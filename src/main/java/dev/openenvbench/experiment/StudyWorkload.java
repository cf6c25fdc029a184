package dev.openenvbench.experiment;

import dev.openenvbench.loadgen.RequestHeaders;
import dev.openenvbench.loadgen.StepActions;
import dev.openenvbench.loadgen.ThinkTime;
import dev.openenvbench.loadgen.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One infrastructure's sessions: the file's {@code actions:} (the infrastructure's own replacing
 * the top's) and {@code headers:} (the top's, then the infrastructure's). A header value's {@code
 * ${VAR}} is filled as the URL's is (the environment, then {@code env_vars}), so a token need not
 * be written in the file; as on {@code run}, {@code $HF_TOKEN} goes unasked only to {@code
 * *.hf.space} servers.
 *
 * @param missing the variables a header named that have no value (a real run refuses them; a dry
 *     run shows them)
 */
record StudyWorkload(Workload workload, List<String> missing) {

  static StudyWorkload of(StudyFile f, StudyFile.Infrastructure i, Map<String, String> env) {
    StudyActions a = i.actions() != null ? i.actions() : f.actions();
    List<String> headers = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> written = new ArrayList<>(f.headers());
    written.addAll(i.headers());
    for (String h : written) {
      UrlTemplate.Filled filled = UrlTemplate.fill(h, env, i.envVars());
      if (filled.missing().isEmpty()) {
        headers.add(filled.url());
      } else {
        missing.addAll(filled.missing());
      }
    }
    Workload w =
        new Workload(
            a == null ? null : a.reset(),
            a == null ? new StepActions.Benchmark() : a.steps(),
            RequestHeaders.of(headers, null, env),
            a == null ? ThinkTime.NONE : a.think(),
            a == null ? Workload.DEFAULT_SEED : a.seedOrDefault());
    return new StudyWorkload(w, List.copyOf(missing));
  }

  /**
   * The grid's waits: the file's {@code wait_seconds} for the benchmark's action; with the study's
   * own actions the wait they all ask for (0 when none), which {@code wait_seconds} must repeat, as
   * {@code run --wait} must.
   */
  List<Double> waits(List<Double> fileWaits) {
    if (!(workload.actions() instanceof StepActions.Given given)) return fileWaits;
    double wait = given.cellWaitSeconds();
    if (!fileWaits.equals(List.of(wait))) {
      throw new IllegalArgumentException(
          "wait_seconds "
              + fileWaits
              + " sets the benchmark's wait; with actions: the steps send your actions as they"
              + " are: write wait_seconds: ["
              + wait
              + "] (the wait your actions ask for)");
    }
    return fileWaits;
  }
}
