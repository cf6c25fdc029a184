package dev.openenvbench.loadgen;

import dev.openenvbench.results.CellId;
import dev.openenvbench.results.RawJsonlWriter;
import java.io.IOException;

/**
 * Runs one cell split over K harness processes and merges their shares exactly into this run's
 * files: local children ({@code --processes K}, {@link ShardedCellRunner}) or the tasks of one srun
 * step on the nodes of a SLURM allocation ({@code --srun-tasks K}, {@link SrunCellRunner}).
 */
interface SplitCellRunner {
  /**
   * @param raw this run's raw.jsonl, which gets every share's rows under {@code cell}'s id
   * @param abort stops the shares (they write their part of the cell as incomplete)
   */
  CellRunner.CellResult run(CellPlan plan, CellId cell, RawJsonlWriter raw, AbortSignal abort)
      throws IOException, InterruptedException;
}
