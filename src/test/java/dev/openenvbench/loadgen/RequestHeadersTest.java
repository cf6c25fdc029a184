package dev.openenvbench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which header goes to which server, and that no value is ever printed. */
class RequestHeadersTest {
  static final Target SPACE = Target.parse("https://alice-my-env.hf.space");
  static final Target OTHER = Target.parse("http://127.0.0.1:8000");
  static final Target LOOKALIKE = Target.parse("https://hf.space.evil.example");

  static List<String> names(List<RequestHeaders.Header> hs) {
    return hs.stream().map(h -> h.name() + ": " + h.value()).toList();
  }

  /** A request with two Host headers gets a 400 from servers that follow RFC 9112. */
  @Test
  void a_users_host_replaces_the_requests_own_and_other_headers_are_added() {
    var request = new io.netty.handler.codec.http.DefaultHttpHeaders();
    request.set("Host", "127.0.0.1:8000").add("X-Trace", "own");
    RequestHeaders.putOn(
        request,
        List.of(
            new RequestHeaders.Header("host", "env.internal"),
            new RequestHeaders.Header("X-Trace", "user")));
    assertThat(request.getAll("Host")).containsExactly("env.internal");
    assertThat(request.getAll("X-Trace")).containsExactly("own", "user");
  }

  @Test
  void hf_token_goes_unasked_to_hf_space_servers_only() {
    RequestHeaders h = RequestHeaders.of(List.of(), null, Map.of("HF_TOKEN", "hf_abc"));

    assertThat(names(h.forTarget(SPACE))).containsExactly("Authorization: Bearer hf_abc");
    assertThat(h.forTarget(OTHER)).isEmpty();
    assertThat(h.forTarget(LOOKALIKE)).isEmpty();
  }

  @Test
  void hf_token_env_sends_the_named_token_to_every_server_and_an_explicit_header_wins() {
    Map<String, String> env = Map.of("HF_TOKEN", "hf_abc", "MINE", "tok_1");
    RequestHeaders asked = RequestHeaders.of(List.of("X-A: 1"), "MINE", env);
    RequestHeaders own = RequestHeaders.of(List.of("Authorization: Basic xyz"), null, env);

    assertThat(names(asked.forTarget(OTHER)))
        .containsExactly("X-A: 1", "Authorization: Bearer tok_1");
    assertThat(names(asked.forTarget(SPACE)))
        .as("one Authorization, the one asked for")
        .containsExactly("X-A: 1", "Authorization: Bearer tok_1");
    assertThat(names(own.forTarget(SPACE))).containsExactly("Authorization: Basic xyz");
  }

  @Test
  void values_are_redacted_in_text_descriptions_and_errors() {
    RequestHeaders h =
        RequestHeaders.of(List.of("X-Key: s3cret"), "T", Map.of("T", "tok_9", "HF_TOKEN", "hf_1"));

    assertThat(h.redact("refused key s3cret, token tok_9 (Bearer tok_9), hf_1"))
        .isEqualTo("refused key <redacted>, token <redacted> (<redacted>), <redacted>");
    assertThat(h.describe().toString()).doesNotContain("s3cret", "tok_9", "hf_1");
    assertThat(h.toString()).doesNotContain("s3cret", "tok_9", "hf_1");
    assertThatThrownBy(() -> RequestHeaders.of(List.of("X-Key s3cret"), null, Map.of()))
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> RequestHeaders.of(List.of("Bad Name: s3cret"), null, Map.of()))
        .hasMessageContaining("Bad Name")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> RequestHeaders.of(List.of(), "UNSET", Map.of()))
        .hasMessage("--hf-token-env UNSET: $UNSET is not set, or empty");
  }

  @Test
  void a_childs_copy_decodes_to_the_same_headers() {
    RequestHeaders h =
        RequestHeaders.of(
            List.of("X-Tab: a\tb", "X-Colon: c: d"), "T", Map.of("T", "t", "HF_TOKEN", "hf"));

    assertThat(RequestHeaders.decode(h.encode())).isEqualTo(h);
    assertThat(RequestHeaders.decode(RequestHeaders.NONE.encode())).isEqualTo(RequestHeaders.NONE);
  }
}
