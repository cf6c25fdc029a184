package dev.openenvbench.results;

import java.util.HashSet;
import java.util.Set;

/**
 * The distinct servers a cell's successful sessions reached, for {@code unique_hosts}, from the
 * best evidence the environment gives: the observation's {@code host_url} (the benchmark
 * environment's), else a backend-identifying header of the server's answers ({@code backend}), else
 * the socket's peer address ({@code remote_address}: behind a load balancer, the balancer). The
 * source used is {@link #source()}, so a row says what its count counts. Not thread-safe: {@link
 * CellAccumulator} guards it.
 */
final class DistinctHosts {
  static final String HOST_URL = "host_url";
  static final String HEADER = "header";
  static final String PEER_ADDRESS = "peer_address";

  private final Set<String> hostUrls = new HashSet<>();
  private final Set<String> backends = new HashSet<>();
  private final Set<String> peers = new HashSet<>();

  void add(SessionRecord r) {
    if (r.get(RawFields.HOST_URL) != null) hostUrls.add(r.get(RawFields.HOST_URL));
    if (r.get(RawFields.BACKEND) != null) backends.add(r.get(RawFields.BACKEND));
    if (r.get(RawFields.REMOTE_ADDRESS) != null) peers.add(r.get(RawFields.REMOTE_ADDRESS));
  }

  int count() {
    if (!hostUrls.isEmpty()) return hostUrls.size();
    return backends.isEmpty() ? peers.size() : backends.size();
  }

  /** Which evidence {@link #count} counts; null when no successful session had any. */
  String source() {
    if (!hostUrls.isEmpty()) return HOST_URL;
    if (!backends.isEmpty()) return HEADER;
    if (!peers.isEmpty()) return PEER_ADDRESS;
    return null;
  }
}
