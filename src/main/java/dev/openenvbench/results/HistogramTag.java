package dev.openenvbench.results;

import java.util.List;

/**
 * The tag of one {@code histograms.hlog} entry: which cell and phase its values belong to. Format 2
 * writes {@code <cell_id>/<mode>/n<N>/w<wait>/r<rep>/<phase>} (e.g. {@code
 * 20261201T222536Z-3f9a1c-c4/ws/n100/w1.0/r2/step}), so that two runs of one cell stay apart and an
 * entry joins its summary.csv row by {@code cell_id}; format 1 wrote the same without the cell id.
 *
 * @param cellId null for format 1's tags
 */
public record HistogramTag(
    String cellId, String mode, int numRequests, double waitSeconds, int repetition, Phase phase) {

  public static HistogramTag of(CellKey key, Phase phase) {
    return new HistogramTag(
        key.cellId(), key.mode(), key.numRequests(), key.waitSeconds(), key.repetition(), phase);
  }

  public String text() {
    String rest =
        mode
            + "/n"
            + numRequests
            + "/w"
            + HistogramLog.waitText(waitSeconds)
            + "/r"
            + repetition
            + "/"
            + phase.columnPrefix();
    return cellId == null ? rest : cellId + "/" + rest;
  }

  /**
   * Reads a tag of either format.
   *
   * @throws IllegalArgumentException it is not one
   */
  public static HistogramTag parse(String tag) {
    if (tag == null) throw new IllegalArgumentException("an entry without a tag");
    List<String> parts = List.of(tag.split("/", -1));
    if (parts.size() != 5 && parts.size() != 6) {
      throw new IllegalArgumentException("not an openenv-bench tag: " + tag);
    }
    String cellId = parts.size() == 6 ? parts.get(0) : null;
    List<String> p = parts.subList(parts.size() - 5, parts.size());
    Phase phase = Phase.ofPrefix(p.get(4));
    if (phase == null || !p.get(1).startsWith("n") || !p.get(2).startsWith("w")) {
      throw new IllegalArgumentException("not an openenv-bench tag: " + tag);
    }
    if (!p.get(3).startsWith("r")) throw new IllegalArgumentException("not a tag: " + tag);
    try {
      return new HistogramTag(
          cellId,
          p.get(0),
          Integer.parseInt(p.get(1).substring(1)),
          Double.parseDouble(p.get(2).substring(1)),
          Integer.parseInt(p.get(3).substring(1)),
          phase);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an openenv-bench tag: " + tag, e);
    }
  }
}
