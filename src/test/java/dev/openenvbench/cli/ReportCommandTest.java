package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheReportUsingLabelsAndCores() throws Exception {
    Path out = dir.resolve("r");
    String stdout =
        run(
            0,
            "report",
            fixture("slurm-multi"),
            fixture("seed-python"),
            "--label",
            "seed-python=python-seed",
            "--cores",
            "slurm-multi=8",
            "-o",
            out.toString());
    assertThat(stdout)
        .contains(
            out.resolve("report.html").toString(),
            out.resolve("success-vs-n.png").toString(),
            out.resolve("max-batch.csv").toString());
    assertThat(Files.readString(out.resolve("max-batch.csv")))
        .contains("python-seed,ws,1 step,1,4,4,found,16,true,")
        .contains("slurm-multi,ws,1 step,1,32,32,found,64,false,");
    assertThat(Files.readString(out.resolve("batch-per-core.csv")))
        .isEqualTo(
            "infra,cores,mode,session,wait_s,max_batch,batch_per_core\nslurm-multi,8,ws,1 step,1,32,4\n");
  }

  @Test
  void latencySloOptionsChangeTheMaxBatch() throws Exception {
    Path out = dir.resolve("r");
    run(0, "report", fixture("edges"), "--no-latency-slo", "-o", out.toString());
    assertThat(Files.readString(out.resolve("max-batch.csv")))
        .contains("edges,ws,1 step,1,40,40,found,80,");
    run(
        0,
        "report",
        fixture("edges"),
        "--p99-slo",
        "3.5",
        "--success-threshold",
        "0.96",
        "-o",
        out.toString());
    // 0.96 fails N=20 (mean 0.95) but not N=40 (p99 3.001 s < 3.5 s): the max is the largest
    // passing N, and the dip below it is reported.
    assertThat(Files.readString(out.resolve("max-batch.csv")))
        .contains("edges,ws,1 step,1,40,40,found,80,", "N=20 failed below the max");
    // 2 × (wait + 0.6 s) = 3.2 s at wait 1: N=40's 3.001 s passes, as an experiment's
    // success_criteria would have it; 2 × (wait + 0.5 s) = 3 s does not let it.
    run(0, "report", fixture("edges"), "--overhead-seconds", "0.6", "-o", out.toString());
    assertThat(Files.readString(out.resolve("max-batch.csv")))
        .contains("edges,ws,1 step,1,40,40,found,80,");
    run(0, "report", fixture("edges"), "--latency-multiplier", "2", "-o", out.toString());
    assertThat(Files.readString(out.resolve("max-batch.csv")))
        .doesNotContain("edges,ws,1 step,1,40,");
  }

  @Test
  void badArgumentsExitWithTwo() throws Exception {
    run(2, "report", fixture("edges"), "--success-threshold", "1.5", "-o", dir.toString());
    run(2, "report", dir.toString(), "-o", dir.resolve("r").toString());
    run(2, "report", fixture("edges"), "--cores", "edges=0", "-o", dir.toString());
    run(2, "report");
    run(2, "report", fixture("edges"), "--p99-slo", "3", "--latency-multiplier", "2");
    run(2, "report", fixture("edges"), "--latency-multiplier", "0", "-o", dir.toString());
    run(2, "report", fixture("edges"), "--overhead-seconds", "-1", "-o", dir.toString());
  }

  private static String run(int expectedExit, String... args) {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute(args)).as(err.toString()).isEqualTo(expectedExit);
    return out.toString();
  }

  private static String fixture(String name) throws URISyntaxException {
    return Path.of(ReportCommandTest.class.getResource("/report-fixtures/" + name).toURI())
        .toString();
  }
}
