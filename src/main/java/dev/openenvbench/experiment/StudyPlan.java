package dev.openenvbench.experiment;

import dev.openenvbench.capacity.CapacityConfig;
import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.Connection;
import dev.openenvbench.loadgen.Resume;
import dev.openenvbench.loadgen.RunConfig;
import dev.openenvbench.loadgen.Target;
import dev.openenvbench.loadgen.WarmUp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study made concrete: for each selected infrastructure its URL, its results folder and its grid;
 * the cell count and the least time the remaining cells take. Built without touching a server, so
 * {@code --dry-run} shows exactly what a real invocation would run.
 */
public record StudyPlan(StudyFile file, List<InfraPlan> infras, ReportCriteria criteria) {

  public static StudyPlan of(StudyFile file, StudyOptions o) {
    List<StudyFile.Infrastructure> selected = select(file, o.infrastructures());
    Map<String, String> urls = urlOverrides(o.urls(), selected);
    Path base = Path.of(file.output().baseDir());
    List<InfraPlan> plans = new ArrayList<>();
    for (StudyFile.Infrastructure i : selected) {
      UrlTemplate.Filled url =
          urls.containsKey(i.id())
              ? new UrlTemplate.Filled(urls.get(i.id()), List.of())
              : UrlTemplate.fill(i.urlTemplate(), o.env(), i.envVars());
      StudyWorkload work = StudyWorkload.of(file, i, o.env());
      List<String> missing = new ArrayList<>(url.missing());
      work.missing().stream().filter(v -> !missing.contains(v)).forEach(missing::add);
      Path folder =
          StudyFolders.choose(
              base.resolve(i.id()), o.today(), dir -> config(file, i, url, work, dir, o));
      RunConfig cfg = config(file, i, url, work, folder, o);
      ReportCriteria criteria = ReportCriteria.of(file);
      if (file.searches()) {
        CapacityConfig search = Searches.config(file, cfg, criteria);
        boolean searched = Searches.answered(search, folder);
        plans.add(new InfraPlan(i, url.url(), missing, folder, cfg, Resume.NONE, search, searched));
      } else {
        Resume resume = Files.isDirectory(folder) ? Resume.of(cfg, folder) : Resume.NONE;
        plans.add(new InfraPlan(i, url.url(), missing, folder, cfg, resume, null, false));
      }
    }
    return new StudyPlan(file, plans, ReportCriteria.of(file));
  }

  /**
   * The grid as {@code run} would be asked for it, {@code run}'s defaults for everything else; for
   * a capacity search, the run its probes share (capacity's own: N up to {@code max_sessions}).
   */
  private static RunConfig config(
      StudyFile f,
      StudyFile.Infrastructure i,
      UrlTemplate.Filled url,
      StudyWorkload work,
      Path dir,
      StudyOptions o) {
    StudyFile.Variables v = f.variables();
    StudyFile.Execution e = f.execution();
    return new RunConfig(
        v.harnessModes(),
        url.url() == null ? List.of() : List.of(Target.parse(url.url())),
        f.searches() ? List.of(f.capacity().maxSessions()) : v.batchSizes(),
        work.waits(v.waitSeconds()),
        f.searches() ? 1 : e.repetitions(),
        1,
        0,
        false,
        e.timeoutSeconds(),
        i.id(),
        dir,
        false,
        o.progress(),
        1000,
        List.of(),
        0,
        false,
        0,
        o.warmupSessions() != null
            ? o.warmupSessions()
            : WarmUp.defaultSessions(url.url() == null || o.deploy()),
        1,
        null,
        0,
        !f.searches() && Files.isDirectory(dir.resolve("runs")),
        // A search's probes open and step all at once (capacity's rule).
        f.searches()
            ? Connection.DEFAULT.allAtOnce()
            : Connection.DEFAULT.withOpenWindow(i.openWindow()),
        work.workload(),
        null,
        null,
        null);
  }

  private static List<StudyFile.Infrastructure> select(StudyFile file, List<String> ids) {
    List<StudyFile.Infrastructure> all = file.variables().infrastructures();
    if (ids.isEmpty()) return all;
    List<String> known = all.stream().map(StudyFile.Infrastructure::id).toList();
    for (String id : ids) {
      if (!known.contains(id)) {
        throw new IllegalArgumentException(
            "--infrastructure "
                + id
                + ": not in the file (it has "
                + String.join(", ", known)
                + ")");
      }
    }
    return all.stream().filter(i -> ids.contains(i.id())).toList();
  }

  /** {@code --url URL} for the one selected infrastructure, or {@code --url ID=URL} for any. */
  private static Map<String, String> urlOverrides(
      List<String> values, List<StudyFile.Infrastructure> selected) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> ids = selected.stream().map(StudyFile.Infrastructure::id).toList();
    for (String v : values) {
      int eq = v.indexOf('=');
      String id = eq > 0 ? v.substring(0, eq) : null;
      if (id != null && ids.contains(id)) {
        out.put(id, v.substring(eq + 1));
      } else if (selected.size() == 1) {
        out.put(ids.get(0), v);
      } else {
        throw new IllegalArgumentException(
            "--url "
                + v
                + ": with several infrastructures selected, write --url ID=URL (ids: "
                + String.join(", ", ids)
                + ")");
      }
    }
    out.values().forEach(Target::parse);
    return out;
  }

  /** Cells in the whole study, and those still to run. */
  public int totalCells() {
    return infras.stream().mapToInt(p -> p.cells().size()).sum();
  }

  public int remainingCells() {
    return infras.stream().mapToInt(p -> p.remaining().size()).sum();
  }

  /**
   * The least time the remaining cells take: each cell's wait, and the cooldown before every cell
   * but the first. Connects, resets, slow servers and timeouts only add to it.
   */
  public double leastSecondsLeft() {
    return leastSeconds(infras.stream().flatMap(p -> p.remaining().stream()).toList());
  }

  double leastSeconds(List<CellPlan> cells) {
    double cooldown = file.execution().cooldownSeconds();
    double waits = cells.stream().mapToDouble(CellPlan::waitSeconds).sum();
    return waits + cooldown * Math.max(0, cells.size() - 1);
  }
}
