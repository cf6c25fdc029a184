package dev.openenvbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad uses of {@code --srun-tasks} are refused before any load, in one line with exit 2, for {@code
 * run} and {@code capacity} alike (no server and no SLURM are needed: each is refused first).
 */
class SrunOptionsTest {
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          tasks drive one server       | run      | --srun-tasks 2                                   | --srun-tasks needs --url
          tasks drive one server       | capacity | -o /tmp/x --srun-tasks 2                                 | --srun-tasks needs --url
          tasks or local processes     | run      | --url http://127.0.0.1:9 --srun-tasks 2 --processes 2 | use one of them
          tasks send from their nodes  | run      | --url http://127.0.0.1:9 --srun-tasks 2 --source-addresses 127.0.0.2 | send from their own nodes
          an option needs the tasks    | run      | --url http://127.0.0.1:9 --srun-option=--exclusive | --srun-option needs --srun-tasks
          srun's own options are ours  | capacity | -o /tmp/x --url http://127.0.0.1:9 --srun-tasks 2 --srun-option=--ntasks=4 | sets srun's --ntasks
          no segment of segments       | run      | --url http://127.0.0.1:9 --srun-tasks 2 --segment 0/2 --run-id j | does not go with --segment
          at least one task            | run      | --url http://127.0.0.1:9 --srun-tasks 0          | --srun-tasks must be ≥ 1
          a task per session at least  | run      | --url http://127.0.0.1:9 --srun-tasks 3 -n 2     | needs at least that many sessions
          """)
  void is_refused_in_one_line_with_exit_2(
      String meaning, String command, String args, String message) {
    Cli.Result r = Cli.run((command + " --warmup 0 " + args).split(" "));

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    assertThat(r.err()).contains(message);
    assertThat(r.err().strip().lines().filter(l -> l.contains(message))).hasSize(1);
  }
}
