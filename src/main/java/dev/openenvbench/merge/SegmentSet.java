package dev.openenvbench.merge;

import dev.openenvbench.results.RunManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The segment folders of one run, matched on their manifests ({@code runs/<run_id>/manifest.json}
 * with a {@code segment}): one run id, one segment count K, distinct indices, and the same
 * configuration apart from {@link RunManifest#PER_SEGMENT_KEYS}. Folders that do not match are
 * refused with one line naming what differs ({@link IllegalArgumentException}). Indices no folder
 * has are missing segments, which the merge reports rather than refuses.
 *
 * @param folders by segment index, 0 to K − 1; null where no folder is that segment
 */
record SegmentSet(String runId, int count, List<SegmentFolder> folders) {

  /** One given folder and its segment's manifest. */
  record SegmentFolder(Path dir, RunManifest manifest) {
    int index() {
      return manifest.segment().index();
    }

    String label() {
      return manifest.segment().index() + "/" + manifest.segment().count();
    }
  }

  /** The folder with the lowest index: the run's configuration, servers and machine as merged. */
  SegmentFolder reference() {
    return present().getFirst();
  }

  List<SegmentFolder> present() {
    return folders.stream().filter(f -> f != null).toList();
  }

  /** Reads every folder's manifest and matches them, or refuses. */
  static SegmentSet read(List<Path> dirs) {
    List<List<RunManifest>> runs = new ArrayList<>();
    for (Path d : dirs) runs.add(segmentRuns(d));
    String runId = commonRun(dirs, runs);
    List<SegmentFolder> given = new ArrayList<>();
    for (int i = 0; i < dirs.size(); i++) {
      RunManifest m = runs.get(i).stream().filter(r -> r.runId().equals(runId)).findFirst().get();
      given.add(new SegmentFolder(dirs.get(i), m));
    }
    SegmentFolder first = given.getFirst();
    SegmentFolder[] byIndex = new SegmentFolder[first.manifest().segment().count()];
    for (SegmentFolder f : given) {
      if (f.manifest().segment().count() != byIndex.length) {
        throw new IllegalArgumentException(
            "segments differ in count: "
                + first.dir()
                + " is segment "
                + first.label()
                + ", "
                + f.dir()
                + " is segment "
                + f.label());
      }
      SegmentFolder twin = byIndex[f.index()];
      if (twin != null) {
        throw new IllegalArgumentException(
            twin.dir() + " and " + f.dir() + " are both segment " + f.label());
      }
      byIndex[f.index()] = f;
      sameConfiguration(first, f);
    }
    return new SegmentSet(runId, byIndex.length, Arrays.asList(byIndex));
  }

  private static void sameConfiguration(SegmentFolder a, SegmentFolder b) {
    Optional<RunManifest.Difference> d =
        RunManifest.firstDifference(
            a.manifest().configuration(),
            b.manifest().configuration(),
            RunManifest.PER_SEGMENT_KEYS);
    d.ifPresent(
        x -> {
          throw new IllegalArgumentException(
              "segments differ in "
                  + x.key()
                  + ": "
                  + x.a()
                  + " in "
                  + a.dir()
                  + " vs "
                  + x.b()
                  + " in "
                  + b.dir());
        });
  }

  /** The segment manifests of a folder, or a refusal saying why it is not a segment folder. */
  private static List<RunManifest> segmentRuns(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a folder");
    }
    List<RunManifest> all = RunManifest.all(dir);
    if (all.isEmpty()) {
      throw new IllegalArgumentException(dir + " has no run manifest (not a segment folder)");
    }
    List<RunManifest> segments = all.stream().filter(m -> m.segment() != null).toList();
    if (segments.isEmpty()) {
      throw new IllegalArgumentException(
          dir
              + " holds run "
              + all.getLast().runId()
              + ", which is not a segment (run --segment I/K writes one)");
    }
    return segments;
  }

  /** The one run every folder holds a segment of. */
  private static String commonRun(List<Path> dirs, List<List<RunManifest>> runs) {
    Set<String> common = ids(runs.getFirst());
    for (int i = 1; i < runs.size(); i++) {
      Set<String> mine = ids(runs.get(i));
      Set<String> both = new LinkedHashSet<>(common);
      both.retainAll(mine);
      if (both.isEmpty()) {
        throw new IllegalArgumentException(
            dirs.getFirst()
                + " is run "
                + names(common)
                + ", "
                + dirs.get(i)
                + " is run "
                + names(mine));
      }
      common = both;
    }
    if (common.size() > 1) {
      throw new IllegalArgumentException(
          "the folders hold segments of several runs ("
              + names(common)
              + "): merge the segments of one run, each in a folder of its own");
    }
    return common.iterator().next();
  }

  private static Set<String> ids(List<RunManifest> runs) {
    Set<String> ids = new LinkedHashSet<>();
    runs.forEach(m -> ids.add(m.runId()));
    return ids;
  }

  private static String names(Set<String> ids) {
    return String.join(", ", new TreeSet<>(ids));
  }
}
