package dev.openenvbench.results;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Names a run: its UTC start to the second and six random hex digits ({@code
 * 20261201T222536Z-3f9a1c}), so ids sort by time and two runs started in the same second (several
 * machines, a script) still differ.
 */
public final class RunId {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunId() {}

  public static String next(Instant start) {
    byte[] b = new byte[3];
    RANDOM.nextBytes(b);
    return SECONDS.format(start) + "-" + HexFormat.of().formatHex(b);
  }
}
