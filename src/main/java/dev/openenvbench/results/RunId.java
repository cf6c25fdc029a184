package dev.openenvbench.results;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names a run: its UTC start to the second and six random hex digits ({@code
 * 20261201T222536Z-3f9a1c}), so ids sort by time and two runs started in the same second (several
 * machines, a script) still differ. A user may name a run instead ({@code run --segment --run-id}),
 * with the characters {@link #check} allows, which are safe in a file name and in a cell id.
 */
public final class RunId {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._-]+");

  private RunId() {}

  /**
   * A user-chosen run id, if it is one: letters, digits, {@code .}, {@code _} and {@code -} only,
   * since it names folders ({@code runs/<id>/}) and starts every cell id ({@code <id>-c1}).
   */
  public static String check(String id) {
    if (id == null || !USER_ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
      throw new IllegalArgumentException(
          "--run-id '" + id + "': use letters, digits, '.', '_' and '-' only, e.g. job-4711.0");
    }
    return id;
  }

  public static String next(Instant start) {
    byte[] b = new byte[3];
    RANDOM.nextBytes(b);
    return SECONDS.format(start) + "-" + HexFormat.of().formatHex(b);
  }
}
