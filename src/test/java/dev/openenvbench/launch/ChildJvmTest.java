package dev.openenvbench.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A child's command line ends with the main class and the command; its environment is applied. */
class ChildJvmTest {
  @Test
  void the_child_runs_the_given_main_class_with_the_commands_args_and_environment() {
    ChildCommand command =
        new ChildCommand(List.of("serve", "--port", "0"), Map.of("OPENENV_BENCH_TEST", "v"));

    ProcessBuilder builder = ChildJvm.of(ChildJvmTest.class, 3).processBuilder(command);

    List<String> argv = builder.command();
    int main = argv.indexOf(ChildJvmTest.class.getName());
    assertThat(argv.subList(main - 2, argv.size()))
        .containsExactly(
            "-cp",
            System.getProperty("java.class.path"),
            ChildJvmTest.class.getName(),
            "serve",
            "--port",
            "0");
    assertThat(argv).as("the environment stays off the command line").doesNotContain("v");
    assertThat(builder.environment()).containsEntry("OPENENV_BENCH_TEST", "v");
  }

  @Test
  void the_child_is_told_its_parent_and_reads_a_pipe_from_it() {
    ProcessBuilder builder =
        ChildJvm.of(ChildJvmTest.class, 3).processBuilder(ChildCommand.of(List.of("serve")));

    assertThat(builder.environment())
        .containsEntry(ChildJvm.PARENT_PID_ENV, Long.toString(ProcessHandle.current().pid()));
    assertThat(builder.redirectInput()).isEqualTo(ProcessBuilder.Redirect.PIPE);
  }

  @Test
  void a_child_loads_its_parents_start_up_cache_but_never_trains_one() {
    assertThat(
            ChildJvm.inheritedJvmOptions(
                List.of(
                    "-XX:+UseSerialGC",
                    "-XX:AOTCache=/c/jvm-1.aot",
                    "-XX:AOTCacheOutput=/c/jvm-1.aot.7.tmp",
                    "-XX:AOTConfiguration=/c/x.config",
                    "-XX:AOTMode=record",
                    "-Xlog:aot*=off")))
        .containsExactly("-XX:+UseSerialGC", "-XX:AOTCache=/c/jvm-1.aot", "-Xlog:aot*=off");
  }
}
