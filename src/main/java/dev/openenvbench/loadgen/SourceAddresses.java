package dev.openenvbench.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
    if (!targets.stream().allMatch(Target::loopback)) return explicit;
    int k = Math.min(250, (connectionsPerTarget + PER_ADDRESS - 1) / PER_ADDRESS);
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= k; i++) out.add("127.0.0." + i);
    return out;
  }

  /**
   * The addresses of {@code explicit} that are not this machine's (a connection cannot leave from
   * them), found by binding a socket to each: without this check every connection failed with
   * "Cannot assign requested address", which is also what running out of ports says.
   */
  static List<String> notLocal(List<String> explicit) {
    List<String> bad = new ArrayList<>();
    for (String a : explicit) {
      try (Socket s = new Socket()) {
        s.bind(new InetSocketAddress(a, 0));
      } catch (IOException | IllegalArgumentException e) {
        bad.add(a);
      }
    }
    return bad;
  }

  /** The share of {@code all} that child {@code i} of {@code k} uses (all of them if too few). */
  static List<String> shareOf(List<String> all, int i, int k) {
    if (all.size() < k) return all;
    List<String> out = new ArrayList<>();
    for (int j = i; j < all.size(); j += k) out.add(all.get(j));
    return out;
  }
}
