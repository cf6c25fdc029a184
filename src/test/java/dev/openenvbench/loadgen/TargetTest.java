package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetTest {
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "http://localhost:8000,       ws://localhost:8000/ws,        /reset",
    "http://localhost:8000/,      ws://localhost:8000/ws,        /reset",
    "https://o-space.hf.space,    wss://o-space.hf.space:443/ws, /reset",
    "127.0.0.1:9000,              ws://127.0.0.1:9000/ws,        /reset",
    "http://lb:80/env1,           ws://lb:80/env1/ws,            /env1/reset",
    "ws://h:1/ws,                 ws://h:1/ws,                   /reset",
  })
  void root_url_maps_to_ws_and_http_routes_like_the_openenv_client(
      String url, String ws, String reset) {
    Target t = Target.parse(url);
    assertThat(t.wsUri().toString()).isEqualTo(ws);
    assertThat(t.httpPath("/reset")).isEqualTo(reset);
  }

  @ParameterizedTest
  @CsvSource({"ftp://x:1", "http://:80"})
  void urls_without_a_usable_scheme_or_host_are_rejected(String url) {
    assertThatThrownBy(() -> Target.parse(url)).isInstanceOf(IllegalArgumentException.class);
  }
}
