package dev.openenvbench.loadgen;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request headers every session sends, on the WebSocket upgrade and on every HTTP request (and
 * on the harness's own {@code /health}, {@code /metadata}, {@code /metrics} calls): those of {@code
 * --header 'Name: value'}, the bearer token of {@code --hf-token-env NAME}, and {@code $HF_TOKEN}
 * as a bearer token unasked, but only to {@code *.hf.space} servers (a private Space needs it; no
 * other host ever sees it).
 *
 * <p>Every header value is a secret: the manifest, the console, error messages and a child's
 * command line see {@code <redacted>} ({@link #redact}); a child process gets them in its
 * environment ({@link #encode}). Immutable and thread-safe.
 *
 * @param always sent to every server, in order
 * @param hfSpaceOnly sent only to {@code *.hf.space} servers, unless {@code always} names the same
 *     header; null when there is none
 * @param tokenEnv the {@code --hf-token-env} variable's name, or null (for the manifest)
 */
public record RequestHeaders(List<Header> always, Header hfSpaceOnly, String tokenEnv) {
  public static final String REDACTED = "<redacted>";
  public static final String HF_TOKEN = "HF_TOKEN";
  public static final String AUTHORIZATION = "Authorization";
  public static final RequestHeaders NONE = new RequestHeaders(List.of(), null, null);

  /** One header; its value is never printed. */
  public record Header(String name, String value) {
    public Header {
      if (name.isEmpty() || !name.chars().allMatch(Header::tokenChar)) {
        throw new IllegalArgumentException(
            "--header '" + name + ": " + REDACTED + "': the name must be an HTTP token");
      }
      if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        throw new IllegalArgumentException(
            "--header '" + name + ": " + REDACTED + "': the value has a line break or NUL");
      }
    }

    /** {@code Name: value}; the message of a malformed one shows no value. */
    public static Header parse(String text) {
      int colon = text.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "--header " + REDACTED + ": expected 'Name: value' (a colon after the name)");
      }
      return new Header(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
    }

    private static boolean tokenChar(int c) {
      return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    @Override
    public String toString() {
      return name + ": " + REDACTED;
    }
  }

  public RequestHeaders {
    always = List.copyOf(always);
  }

  /**
   * The headers of a command line.
   *
   * @param headers the {@code --header} values
   * @param tokenEnv the {@code --hf-token-env} name, or null
   * @param env the process's environment, where the tokens are
   * @throws IllegalArgumentException in one line, with no value in it
   */
  public static RequestHeaders of(List<String> headers, String tokenEnv, Map<String, String> env) {
    List<Header> always = new ArrayList<>();
    for (String h : headers) always.add(Header.parse(h));
    if (tokenEnv != null) {
      String token = env.get(tokenEnv);
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException(
            "--hf-token-env " + tokenEnv + ": $" + tokenEnv + " is not set, or empty");
      }
      always.add(bearer(token.strip()));
    }
    String hf = env.get(HF_TOKEN);
    Header auto = hf == null || hf.isBlank() ? null : bearer(hf.strip());
    return new RequestHeaders(always, auto, tokenEnv);
  }

  private static Header bearer(String token) {
    return new Header(AUTHORIZATION, "Bearer " + token);
  }

  /** What goes to {@code target}, in order. */
  public List<Header> forTarget(Target target) {
    if (hfSpaceOnly == null || !hfSpace(target) || names(hfSpaceOnly.name())) return always;
    List<Header> all = new ArrayList<>(always);
    all.add(hfSpaceOnly);
    return all;
  }

  /**
   * A JDK request to {@code uri} of {@code target} with its headers, for the harness's own calls
   * ({@code /health}, {@code /metadata}, {@code /metrics}); headers the JDK client sets itself
   * (such as {@code Host}) are left to it.
   */
  public HttpRequest.Builder request(Target target, URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    for (Header h : forTarget(target)) {
      try {
        b.header(h.name(), h.value());
      } catch (IllegalArgumentException restricted) {
        // The JDK sends its own Host, Connection, Content-Length...; the sessions send the user's.
      }
    }
    return b;
  }

  /**
   * Puts {@code headers} on a Netty request that has its own {@code Host} already: a user's {@code
   * Host} replaces it (a request with two gets a 400 from servers that follow RFC 9112, as it does
   * from nginx; Netty's WebSocket handshake keeps a user's the same way), every other header is
   * added.
   */
  static void putOn(io.netty.handler.codec.http.HttpHeaders request, List<Header> headers) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase("Host")) request.set(h.name(), h.value());
      else request.add(h.name(), h.value());
    }
  }

  private boolean names(String name) {
    return always.stream().anyMatch(h -> h.name().equalsIgnoreCase(name));
  }

  /** A Hugging Face Space's own host: {@code <owner>-<space>.hf.space}. */
  static boolean hfSpace(Target target) {
    return target.host().toLowerCase(Locale.ROOT).endsWith(".hf.space");
  }

  /** {@code text} with every header value replaced by {@code <redacted>}. */
  public String redact(String text) {
    if (text == null) return null;
    String out = text;
    for (Header h : all()) {
      out = out.replace(h.value(), REDACTED);
      // A bearer token alone, e.g. echoed by a server that refused it.
      String v = h.value();
      if (v.startsWith("Bearer ") && v.length() > 7) out = out.replace(v.substring(7), REDACTED);
    }
    return out;
  }

  private List<Header> all() {
    List<Header> all = new ArrayList<>(always);
    if (hfSpaceOnly != null) all.add(hfSpaceOnly);
    return all.stream().filter(h -> !h.value().isEmpty()).toList();
  }

  /** For the manifest: names only, and whether {@code $HF_TOKEN} goes to *.hf.space servers. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("headers", always.stream().map(Header::toString).toList());
    m.put("hf_token_env", tokenEnv);
    m.put("hf_token_for_hf_space", hfSpaceOnly != null);
    return m;
  }

  /**
   * Every header, values included, for a child's environment (never its command line): one line
   * each, {@code always|hf_space <TAB> name <TAB> value}, then {@code token_env <TAB> NAME}. A
   * value holds no line break ({@link Header}), a name no tab.
   */
  public String encode() {
    StringBuilder b = new StringBuilder();
    for (Header h : always)
      b.append("always\t").append(h.name()).append('\t').append(h.value()).append('\n');
    if (hfSpaceOnly != null) {
      b.append("hf_space\t")
          .append(hfSpaceOnly.name())
          .append('\t')
          .append(hfSpaceOnly.value())
          .append('\n');
    }
    if (tokenEnv != null) b.append("token_env\t").append(tokenEnv).append('\n');
    return b.toString();
  }

  /** The inverse of {@link #encode}. */
  public static RequestHeaders decode(String text) {
    List<Header> always = new ArrayList<>();
    Header hf = null;
    String env = null;
    for (String line : text.split("\n")) {
      String[] f = line.split("\t", 3);
      switch (f[0]) {
        case "always" -> always.add(new Header(f[1], f[2]));
        case "hf_space" -> hf = new Header(f[1], f[2]);
        case "token_env" -> env = f[1];
        default -> {}
      }
    }
    return new RequestHeaders(always, hf, env);
  }

  @Override
  public String toString() {
    return "RequestHeaders" + describe();
  }
}
