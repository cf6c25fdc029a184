package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openenvbench.protocol.Routes;
import dev.openenvbench.protocol.ServerUrl;
import org.junit.jupiter.api.Test;

/** A target is the protocol's URL rules (tested in ServerUrlTest) under the harness's name. */
class TargetTest {
  @Test
  void aTargetAnswersWithItsServerUrlsRules() {
    Target t = Target.parse("http://lb:80/env1/");
    ServerUrl u = ServerUrl.parse("http://lb:80/env1/");

    assertThat(t.server()).isEqualTo(u);
    assertThat(t.url()).isEqualTo("http://lb:80/env1");
    assertThat(t.wsUri()).isEqualTo(u.wsUri());
    assertThat(t.httpPath(Routes.STEP)).isEqualTo("/env1/step");
    assertThat(t.hostHeader()).isEqualTo("lb:80");
    assertThat(t.host()).isEqualTo("lb");
    assertThat(t.port()).isEqualTo(80);
    assertThat(t.tls()).isFalse();
  }

  @Test
  void aBadUrlIsRejectedAsBefore() {
    assertThatThrownBy(() -> Target.parse("ftp://x:1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
