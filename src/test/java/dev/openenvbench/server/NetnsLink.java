package dev.openenvbench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace joined to this one by a veth pair on a subnet of its own, so that a test can
 * put a client "on another host" and then cut the cable: with the host side of the link down, the
 * server sees no FIN and no RST from the client, only silence.
 *
 * <p>For the whole life of the link a blackhole route covers the subnet (with a metric above the
 * link's own route, which wins while the link is up): once the link is down or gone, packets for
 * the subnet are dropped here instead of following the default route off the machine. It is added
 * first and removed last. Needs root and iproute2's {@code ip}; fails, never skips, without them.
 * Not thread-safe.
 */
final class NetnsLink implements AutoCloseable {
  private static final String BLACKHOLE_METRIC = "4242";

  private final String name;
  private final String subnet;
  private final String hostSide;
  private final List<Process> processes = new ArrayList<>();

  /**
   * @param name the namespace's name, also the prefix of its two veth ends
   * @param prefix the first three octets of the /24 subnet, e.g. {@code 10.237.0}: this side is .1,
   *     the namespace .2
   */
  private NetnsLink(String name, String prefix) {
    this.name = name;
    this.subnet = prefix + ".0/24";
    this.hostSide = name + "0";
  }

  static NetnsLink create(String name, String prefix) throws Exception {
    requireIp();
    NetnsLink link = new NetnsLink(name, prefix);
    try {
      link.up(prefix);
    } catch (Exception e) {
      link.close();
      throw e;
    }
    return link;
  }

  private void up(String prefix) throws Exception {
    ip("route", "replace", "blackhole", subnet, "metric", BLACKHOLE_METRIC);
    removeLeftovers(); // of a run that was killed before its cleanup
    ip("netns", "add", name);
    ip("link", "add", hostSide, "type", "veth", "peer", "name", name + "1", "netns", name);
    ip("addr", "add", prefix + ".1/24", "dev", hostSide);
    ip("link", "set", hostSide, "up");
    ip("-n", name, "addr", "add", prefix + ".2/24", "dev", name + "1");
    ip("-n", name, "link", "set", name + "1", "up");
    ip("-n", name, "link", "set", "lo", "up");
  }

  /** The address of this side of the link, where a server for the namespace listens. */
  String hostAddress() {
    return subnet.replace(".0/24", ".1");
  }

  /** Starts {@code command} inside the namespace; it is killed by {@link #close()}. */
  Process start(List<String> command) throws IOException {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
    argv.addAll(command);
    Process process =
        new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    processes.add(process);
    return process;
  }

  /** Pulls the cable: the host side goes down, the namespace's packets go nowhere. */
  void cut() throws Exception {
    ip("link", "set", hostSide, "down");
  }

  /**
   * Kills what runs inside, deletes the namespace and the link, and last the blackhole route; the
   * route stays (and this fails) if the link could not be deleted.
   */
  @Override
  public void close() throws Exception {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    removeLeftovers();
    String linkLeft = run("link", "show", hostSide) == null ? hostSide : null;
    String nsLeft = run("netns", "pids", name) == null ? name : null;
    if (linkLeft != null || nsLeft != null) {
      throw new AssertionError(
          "could not delete "
              + (linkLeft != null ? "link " + linkLeft : "namespace " + nsLeft)
              + "; the blackhole route for "
              + subnet
              + " stays so that nothing for it leaves the machine");
    }
    ipQuietly("route", "del", "blackhole", subnet, "metric", BLACKHOLE_METRIC);
  }

  private void removeLeftovers() throws Exception {
    ipQuietly("netns", "del", name); // deleting a namespace deletes the veth end inside it
    ipQuietly("link", "del", hostSide);
  }

  private static void requireIp() throws Exception {
    Process version;
    try {
      version = new ProcessBuilder("ip", "-V").redirectErrorStream(true).start();
    } catch (IOException missing) {
      throw new AssertionError(
          "this test needs the 'ip' command: install iproute2 (apt-get install -y iproute2)",
          missing);
    }
    version.waitFor(10, TimeUnit.SECONDS);
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new AssertionError(
          "this test makes a network namespace and a veth pair: run it as root (CAP_NET_ADMIN)");
    }
  }

  private static void ip(String... args) throws Exception {
    String out = run(args);
    if (out != null) {
      throw new AssertionError("ip " + String.join(" ", args) + " failed: " + out);
    }
  }

  private static void ipQuietly(String... args) throws Exception {
    run(args);
  }

  /** Runs {@code ip args}; null when it succeeded, else what it printed. */
  private static String run(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip"));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out";
    }
    return p.exitValue() == 0 ? null : out + " (exit " + p.exitValue() + ")";
  }
}
