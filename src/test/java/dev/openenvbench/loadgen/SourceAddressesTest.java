package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {
  final List<Target> loopback = List.of(Target.parse("http://127.0.0.1:8000"));

  @Test
  void up_to_ten_thousand_connections_per_server_use_the_kernels_choice() {
    assertThat(SourceAddresses.choose(List.of(), loopback, 10_000)).isEmpty();
  }

  @Test
  void more_on_loopback_are_spread_over_127_0_0_x() {
    assertThat(SourceAddresses.choose(List.of(), loopback, 25_000))
        .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
  }

  @Test
  void a_remote_server_or_explicit_addresses_are_left_alone() {
    assertThat(
            SourceAddresses.choose(
                List.of(), List.of(Target.parse("http://10.0.0.5:8000")), 50_000))
        .isEmpty();
    assertThat(SourceAddresses.choose(List.of("127.0.0.9"), loopback, 50_000))
        .containsExactly("127.0.0.9");
  }

  @Test
  void children_of_processes_get_disjoint_shares() {
    List<String> all = List.of("a", "b", "c", "d", "e");
    assertThat(SourceAddresses.shareOf(all, 0, 2)).containsExactly("a", "c", "e");
    assertThat(SourceAddresses.shareOf(all, 1, 2)).containsExactly("b", "d");
    assertThat(SourceAddresses.shareOf(List.of("a"), 1, 3)).containsExactly("a");
  }
}
