package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openenvbench.launch.ChildCommand;
import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.Connection;
import dev.openenvbench.loadgen.LocalServer;
import dev.openenvbench.loadgen.RequestHeaders;
import dev.openenvbench.loadgen.RunArgs;
import dev.openenvbench.loadgen.RunConfig;
import dev.openenvbench.loadgen.Segment;
import dev.openenvbench.loadgen.SegmentRun;
import dev.openenvbench.loadgen.SrunStep;
import dev.openenvbench.loadgen.StepActions;
import dev.openenvbench.loadgen.Target;
import dev.openenvbench.loadgen.ThinkTime;
import dev.openenvbench.loadgen.Workload;
import dev.openenvbench.protocol.UserActions;
import dev.openenvbench.server.PortSharing;
import dev.openenvbench.server.ServerConfig;
import dev.openenvbench.server.SlotRules;
import dev.openenvbench.server.WorkerSupervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What a parent writes on a child's command line is what the child reads: each child command is
 * parsed back with the real parser and its config compared, whole, with what the parent intended.
 */
class ChildCommandsTest {
  private static <T> T parsed(ChildCommand command) {
    CommandLine.ParseResult result =
        Main.newCommandLine().parseArgs(command.args().toArray(String[]::new));
    return result.subcommand().commandSpec().commandLine().getCommand();
  }

  @Test
  void a_worker_serves_with_the_supervisors_config_on_the_shared_port() {
    SlotRules rules =
        new SlotRules(
            Duration.ofMillis(2500), Duration.ofSeconds(9), Duration.ofSeconds(300), 64L << 20);
    ServerConfig supervisor =
        ServerConfig.of("127.0.0.2", 0, 250)
            .withMaxWaitSeconds(42.5)
            .withShutdownGrace(Duration.ofSeconds(7))
            .withSlotRules(rules);

    ChildCommand worker = WorkerSupervisor.workerCommand(supervisor, 43210);
    ServeCommand serve = parsed(worker);

    assertThat(serve.config())
        .isEqualTo(
            ServerConfig.of("127.0.0.2", 43210, 250)
                .withMaxWaitSeconds(42.5)
                .withShutdownGrace(Duration.ofSeconds(7))
                .withSlotRules(rules));
    assertThat(serve.workers).isEqualTo(1);
    // Read by a worker, whose parent is this process: it shares the port with its siblings.
    assertThat(PortSharing.of(worker.environment(), ProcessHandle.current().pid()))
        .isEqualTo(PortSharing.WITH_SIBLING_WORKERS);
  }

  @Test
  void a_serve_whose_parent_is_not_the_named_supervisor_binds_its_port_alone() {
    ChildCommand worker = WorkerSupervisor.workerCommand(ServerConfig.of("127.0.0.1", 0, 1), 8000);

    assertThat(PortSharing.of(worker.environment(), ProcessHandle.current().pid() + 1))
        .isEqualTo(PortSharing.EXCLUSIVE);
    assertThat(PortSharing.of(Map.of(), ProcessHandle.current().pid()))
        .isEqualTo(PortSharing.EXCLUSIVE);
  }

  @Test
  void a_worker_of_a_supervisor_with_default_slot_rules_keeps_them_and_its_own_heap_budget() {
    ServeCommand serve =
        parsed(WorkerSupervisor.workerCommand(ServerConfig.of("127.0.0.1", 0, 5), 8000));

    assertThat(serve.config().slotRules()).isEqualTo(SlotRules.defaults());
  }

  @Test
  void runs_local_server_listens_on_a_free_loopback_port_with_the_asked_cap() {
    ServeCommand serve = parsed(LocalServer.command(108, 3));

    assertThat(serve.config()).isEqualTo(ServerConfig.of("127.0.0.1", 0, 108));
    assertThat(serve.workers).isEqualTo(3);
  }

  @Test
  void a_shard_runs_its_segment_of_the_whole_cell() {
    List<Target> targets =
        List.of(Target.parse("http://127.0.0.1:8001"), Target.parse("http://127.0.0.1:8002"));
    CellPlan parent =
        new CellPlan(
            CellPlan.Mode.HTTP,
            targets,
            10,
            0.25,
            2,
            3,
            0.0,
            true,
            45.0,
            "box 1",
            null,
            Workload.BENCHMARK);
    CellPlan.Shard shard = new CellPlan.Shard(new Segment(1, 3), 123_456_789L, 2);
    Path dir = Path.of("/tmp/shards/http-n10-p1");
    List<String> sources = List.of("127.0.0.2", "127.0.0.5");

    // With a window, so no ramp: the two pace the opens each their own way.
    Connection connection =
        new Connection(
            5, 12.5, 0, Connection.Abandon.CLOSE, 120, true, null, 7, Connection.RELEASE_RATE_AUTO);

    RunCommand run = parsed(RunArgs.shard(parent, shard, 7, 333, dir, sources, connection));

    RunConfig child = run.config();
    assertThat(child)
        .isEqualTo(
            new RunConfig(
                List.of(CellPlan.Mode.HTTP),
                targets,
                List.of(10),
                List.of(0.25),
                1,
                3,
                0.0,
                true,
                45.0,
                "box 1",
                dir,
                false,
                false,
                333,
                sources,
                0,
                false,
                0,
                7,
                1,
                shard,
                0,
                false,
                connection,
                Workload.BENCHMARK,
                null,
                null,
                null));
    // Segment 1 of 3 of N = 10: request ids 4, 5, 6, recorded as the parent's repetition 2.
    CellPlan cell = child.cells(targets).getFirst();
    assertThat(List.of(cell.sessions(), cell.firstRequestId(), cell.repetition()))
        .containsExactly(3, 4, 2);
  }

  @Test
  void each_srun_task_runs_its_rank_s_segment_of_the_parents_cell_into_a_folder_of_its_own()
      throws Exception {
    List<Target> targets = List.of(Target.parse("http://10.0.0.7:8000"));
    CellPlan parent =
        new CellPlan(
            CellPlan.Mode.WS,
            targets,
            40,
            0.5,
            2,
            1,
            0,
            false,
            30.0,
            null,
            null,
            Workload.BENCHMARK);
    Path stepDir = Path.of("/shared/out/shards/ws-n40-w0.5-r2-srun");
    Path schedule = stepDir.resolve("schedule");
    ChildCommand task =
        RunArgs.srunTask(parent, 0, 500, Connection.DEFAULT, "job7-c3", schedule, 120);
    SrunStep srun = new SrunStep(2, List.of("--ntasks-per-node=1"));
    // The harness as a command that prints the arguments it gets, one per line.
    List<String> harness = new java.util.ArrayList<>(List.of("printf", "%s\\n"));
    harness.addAll(task.args());
    List<String> step = srun.command(harness, stepDir, Duration.ofSeconds(90));

    assertThat(step.subList(0, 8))
        .containsExactly(
            "srun",
            "--ntasks=2",
            "--kill-on-bad-exit=0",
            "--wait=90",
            "--job-name=openenv-bench-cell",
            "--export=ALL",
            "--output=" + stepDir.resolve("logs/segment-%t.log"),
            "--ntasks-per-node=1");
    // What task 1 of 2 runs, as srun would start it: the shell line after srun's own options.
    ProcessBuilder b = new ProcessBuilder(step.subList(step.indexOf("/bin/sh"), step.size()));
    b.environment().putAll(SrunStep.environment(stepDir));
    b.environment().putAll(Map.of("SLURM_PROCID", "1", "SLURM_NTASKS", "2"));
    Process p = b.redirectErrorStream(true).start();
    List<String> got = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertThat(p.waitFor()).isZero();

    RunConfig child = ((RunCommand) parsed(ChildCommand.of(got))).config();
    assertThat(child.segmentRun())
        .isEqualTo(new SegmentRun(new Segment(1, 2), "job7-c3", schedule, null, 0, 120));
    assertThat(child.outputDir()).isEqualTo(stepDir.resolve("seg-1"));
    assertThat(List.of(child.requestsGrid(), child.waitGrid(), child.reps(), child.targets()))
        .containsExactly(List.of(40), List.of(0.5), 1, targets);
    assertThat(child.httpConnections()).isEqualTo(500);
    // Its one cell: segment 1 of 2 of N = 40, the second half of the request ids (20 to 39).
    CellPlan cell = child.cells(targets).getFirst();
    assertThat(List.of(cell.sessions(), cell.firstRequestId())).containsExactly(20, 20);
  }

  @Test
  void a_shard_without_barrier_hardware_or_source_addresses_leaves_them_unset() {
    List<Target> targets = List.of(Target.parse("http://127.0.0.1:8001"));
    CellPlan parent =
        new CellPlan(
            CellPlan.Mode.WS, targets, 4, 1.0, 1, 1, 0, false, 120, null, null, Workload.BENCHMARK);
    CellPlan.Shard shard = new CellPlan.Shard(new Segment(0, 2), 5L, 1);

    RunCommand run =
        parsed(RunArgs.shard(parent, shard, 0, 500, Path.of("out"), List.of(), Connection.DEFAULT));

    RunConfig child = run.config();
    assertThat(child.barrier()).isFalse();
    assertThat(child.hardware()).isNull();
    assertThat(child.sourceAddresses()).isEmpty();
    assertThat(child.modes()).containsExactly(CellPlan.Mode.WS);
    assertThat(child.shard()).isEqualTo(shard);
  }

  @Test
  void a_shard_sends_the_parents_workload_with_its_headers_in_the_environment_only()
      throws Exception {
    Path actions = Files.writeString(Files.createTempFile("actions", ".jsonl"), "{\"a\":1}\n{}\n");
    Workload w =
        new Workload(
            UserActions.reset("{\"task\":\"t\"}", "test"),
            StepActions.ofFile(actions),
            RequestHeaders.of(
                List.of("X-Key: k-secret"), "TOK", Map.of("TOK", "t-secret", "HF_TOKEN", "hf-s")),
            new ThinkTime(0.5, 2),
            99);
    List<Target> targets = List.of(Target.parse("http://127.0.0.1:8001"));
    CellPlan parent =
        new CellPlan(CellPlan.Mode.WS, targets, 4, 0, 1, 3, 0, false, 120, null, null, w);
    CellPlan.Shard shard = new CellPlan.Shard(new Segment(0, 2), 5L, 1);

    ChildCommand child =
        RunArgs.shard(parent, shard, 0, 500, Path.of("out"), List.of(), Connection.DEFAULT);

    assertThat(String.join(" ", child.args())).doesNotContain("secret", "hf-s");
    assertThat(child.environment()).containsOnlyKeys(RunArgs.HEADERS_VARIABLE);
    RunCommand run = parsed(child);
    assertThat(run.config(child.environment()).workload()).isEqualTo(w);
    assertThat(run.config(child.environment()).cells(targets).getFirst().workload()).isEqualTo(w);
  }
}
