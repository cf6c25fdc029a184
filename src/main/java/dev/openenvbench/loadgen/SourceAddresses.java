package dev.openenvbench.loadgen;

import java.util.ArrayList;
import java.util.List;

/**
 * Which local addresses connections leave from. One address gives ~28,000 ephemeral ports per
 * server, fewer when other programs hold some; on loopback every 127.x.y.z is ours, so past {@value
 * #PER_ADDRESS} connections per server the harness spreads them over 127.0.0.1, 127.0.0.2, ... by
 * itself. Explicit {@code --source-addresses} always win.
 */
final class SourceAddresses {
  static final int PER_ADDRESS = 10_000;

  private SourceAddresses() {}

  static List<String> choose(
      List<String> explicit, List<Target> targets, int connectionsPerTarget) {
    if (!explicit.isEmpty() || targets.isEmpty() || connectionsPerTarget <= PER_ADDRESS)
      return explicit;
    if (!targets.stream().allMatch(SourceAddresses::isLoopback)) return explicit;
    int k = Math.min(250, (connectionsPerTarget + PER_ADDRESS - 1) / PER_ADDRESS);
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= k; i++) out.add("127.0.0." + i);
    return out;
  }

  private static boolean isLoopback(Target t) {
    return t.host().startsWith("127.") || t.host().equals("localhost");
  }

  /** The share of {@code all} that child {@code i} of {@code k} uses (all of them if too few). */
  static List<String> shareOf(List<String> all, int i, int k) {
    if (all.size() < k) return all;
    List<String> out = new ArrayList<>();
    for (int j = i; j < all.size(); j += k) out.add(all.get(j));
    return out;
  }
}
