package dev.openenvbench.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OpenEnv client's URL rules (docs/protocol.md §7.1), plus HTTP routes under the root's path.
 */
class ServerUrlTest {
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    // given,                  root,                          ws,                              reset
    "http://localhost:8000,    http://localhost:8000,         ws://localhost:8000/ws,          /reset",
    "http://localhost:8000/,   http://localhost:8000,         ws://localhost:8000/ws,          /reset",
    "HTTP://localhost:8000,    http://localhost:8000,         ws://localhost:8000/ws,          /reset",
    "https://o-space.hf.space, https://o-space.hf.space:443,  wss://o-space.hf.space:443/ws,   /reset",
    "127.0.0.1:9000,           http://127.0.0.1:9000,         ws://127.0.0.1:9000/ws,          /reset",
    "http://lb:80/env1,        http://lb:80/env1,             ws://lb:80/env1/ws,              /env1/reset",
    "ws://h:1/ws,              http://h:1,                    ws://h:1/ws,                     /reset",
    "wss://h/env1/ws/,         https://h:443/env1,            wss://h:443/env1/ws,             /env1/reset",
    "http://[::1]:8000,        http://[::1]:8000,             ws://[::1]:8000/ws,              /reset",
  })
  void rootUrlMapsToWsAndHttpRoutesLikeTheOpenEnvClient(
      String given, String root, String ws, String reset) {
    ServerUrl url = ServerUrl.parse(given);

    assertThat(url.url()).isEqualTo(root);
    assertThat(url.wsUri()).hasToString(ws);
    assertThat(url.httpPath(Routes.RESET)).isEqualTo(reset);
    assertThat(url.httpUri(Routes.HEALTH)).hasToString(root + "/health");
  }

  @ParameterizedTest(name = "{0} → Host: {1}")
  @CsvSource({"http://localhost, localhost:80", "https://h.example/x, h.example:443"})
  void theHostHeaderNamesThePort(String given, String host) {
    assertThat(ServerUrl.parse(given).hostHeader()).isEqualTo(host);
  }

  @ParameterizedTest
  @CsvSource({"ftp://x:1", "http://:80"})
  void urlsWithoutAUsableSchemeOrHostAreRejected(String url) {
    assertThatThrownBy(() -> ServerUrl.parse(url)).isInstanceOf(IllegalArgumentException.class);
  }
}
