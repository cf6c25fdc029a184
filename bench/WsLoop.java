import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every session of one load process on one thread and one selector: a few KB per session and
 * no thread per socket, so one process can hold ~19,000 sockets. New connects are started at
 * {@code --ramp} per second. Session lifecycle:
 *
 * <pre>
 *  CONNECTING ─▶ UPGRADING ─101─▶ AWAIT_RESET ─reply─▶ AWAIT_STEP ─reply─▶ success, CLOSING ─▶ closed
 *      │             │                 │                   │
 *      └─ refused / bind / timeout / non-101 / error frame / close or EOF / reply timeout ─▶ failure(cause)
 * </pre>
 *
 * Timeouts: {@code --connect-timeout} to connect and upgrade (a SYN dropped by a full accept
 * queue is retried by the kernel after 1, 3, 7, 15, 31 s), {@code --timeout-slack} for the reset reply, wait +
 * slack for the step reply, 5 s for the closing handshake (not a failure).
 */
final class WsLoop {
  enum Phase { CONNECTING, UPGRADING, AWAIT_RESET, AWAIT_STEP, CLOSING, DONE }

  private static final Pattern ERROR_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"error\"");
  private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Za-z_]+)\"");

  private final WsHold.Options opt;
  private final WsHold.Tally tally;
  private final InetSocketAddress server;
  private final String hostPort;
  private final Selector selector;
  private final List<WsConn> live = new ArrayList<>();
  private int ended;

  WsLoop(WsHold.Options opt, WsHold.Tally tally) throws IOException {
    this.opt = opt;
    this.tally = tally;
    this.server = new InetSocketAddress(opt.url().getHost(), opt.url().getPort());
    this.hostPort = opt.url().getHost() + ":" + opt.url().getPort();
    this.selector = Selector.open();
  }

  /** Runs until every session ended or the deadline passed; returns the sessions not ended. */
  int run(long deadlineNanos) throws IOException {
    long start = System.nanoTime();
    tally.firstConnectNanos = start;
    long intervalNanos = (long) (1e9 / opt.rampPerSecond());
    int launched = 0;
    long nextSweep = start;
    long workStart = start;
    while (ended < opt.sessions() && System.nanoTime() < deadlineNanos) {
      long now = System.nanoTime();
      while (launched < opt.sessions() && start + launched * intervalNanos <= now) {
        launch(now);
        launched++;
      }
      if (now >= nextSweep) {
        sweep(now);
        nextSweep = now + 500_000_000L;
      }
      long nextLaunch = launched < opt.sessions() ? start + launched * intervalNanos : Long.MAX_VALUE;
      long waitMillis = (Math.min(nextLaunch, nextSweep) - System.nanoTime()) / 1_000_000;
      // Wall time between selects: work plus any time the OS did not run this thread.
      tally.maxLoopStallNanos = Math.max(tally.maxLoopStallNanos, System.nanoTime() - workStart);
      int ready = waitMillis > 0 ? selector.select(waitMillis) : selector.selectNow();
      workStart = System.nanoTime();
      if (ready > 0) {
        for (SelectionKey key : selector.selectedKeys()) {
          onReady((WsConn) key.attachment(), key);
        }
        selector.selectedKeys().clear();
      }
    }
    return opt.sessions() - ended;
  }

  private void launch(long now) {
    WsConn c = new WsConn();
    live.add(c);
    c.deadlineNanos = now + (long) (opt.connectTimeoutSeconds() * 1e9);
    try {
      c.ch = SocketChannel.open();
      c.ch.configureBlocking(false);
      c.ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      if (opt.source() != null) {
        c.ch.bind(new InetSocketAddress(opt.source(), 0));
      }
      c.key = c.ch.register(selector, SelectionKey.OP_CONNECT, c);
      if (c.ch.connect(server)) {
        upgrade(c);
      }
    } catch (IOException e) {
      fail(c, causeOf(e));
    }
  }

  private void onReady(WsConn c, SelectionKey key) {
    try {
      if (!key.isValid()) {
        return;
      }
      if (key.isConnectable() && c.ch.finishConnect()) {
        upgrade(c);
      }
      if (key.isValid() && key.isWritable()) {
        c.flush();
      }
      if (key.isValid() && key.isReadable()) {
        read(c);
      }
    } catch (IOException e) {
      fail(c, causeOf(e));
    }
  }

  private void upgrade(WsConn c) throws IOException {
    c.phase = Phase.UPGRADING;
    c.wsKey = WsFrames.newKey();
    c.key.interestOps(SelectionKey.OP_READ);
    c.send(WsFrames.upgradeRequest(hostPort, "/ws", c.wsKey));
  }

  private void read(WsConn c) throws IOException {
    if (!c.in.hasRemaining()) {
      c.in = ByteBuffer.allocate(c.in.capacity() * 2).put(c.in.flip());
    }
    int n = c.ch.read(c.in);
    if (n < 0) {
      if (c.phase == Phase.CLOSING) {
        finish(c);
      } else {
        fail(c, "closed_early_eof_" + c.phase.name().toLowerCase());
      }
      return;
    }
    c.in.flip();
    try {
      if (c.phase == Phase.UPGRADING && !readUpgrade(c)) {
        return;
      }
      WsFrames.Frame f;
      while (c.phase != Phase.DONE && (f = WsFrames.next(c.in)) != null) {
        onFrame(c, f);
      }
    } finally {
      if (c.phase != Phase.DONE) {
        c.in.compact();
      }
    }
  }

  /** Consumes the 101 response; false while the headers are incomplete or after a failure. */
  private boolean readUpgrade(WsConn c) throws IOException {
    String head = new String(c.in.array(), 0, c.in.limit(), StandardCharsets.ISO_8859_1);
    int end = head.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String status = head.substring(0, Math.max(0, head.indexOf("\r\n")));
    if (!status.startsWith("HTTP/1.1 101")) {
      fail(c, "handshake_rejected_" + (status.length() >= 12 ? status.substring(9, 12) : "garbled"));
      return false;
    }
    if (!head.substring(0, end).toLowerCase().contains(WsFrames.acceptFor(c.wsKey).toLowerCase())) {
      fail(c, "handshake_bad_accept");
      return false;
    }
    c.in.position(end + 4);
    tally.upgraded++;
    tally.lastUpgradeNanos = System.nanoTime();
    c.phase = Phase.AWAIT_RESET;
    c.deadlineNanos = System.nanoTime() + (long) (opt.timeoutSlackSeconds() * 1e9);
    c.send(WsFrames.text("{\"type\":\"reset\",\"data\":{}}"));
    return true;
  }

  private void onFrame(WsConn c, WsFrames.Frame f) throws IOException {
    switch (f.opcode()) {
      case WsFrames.PING -> c.send(WsFrames.clientFrame(WsFrames.PONG, f.payload()));
      case WsFrames.CLOSE -> {
        if (c.phase == Phase.CLOSING) {
          finish(c);
        } else {
          int code = f.payload().length >= 2 ? ((f.payload()[0] & 0xFF) << 8) | (f.payload()[1] & 0xFF) : 1005;
          fail(c, "closed_early_" + code + "_" + c.phase.name().toLowerCase());
        }
      }
      case WsFrames.PONG -> { }
      default -> {
        c.text.append(new String(f.payload(), StandardCharsets.UTF_8));
        if (f.fin()) {
          String frame = c.text.toString();
          c.text.setLength(0);
          onReply(c, frame);
        }
      }
    }
  }

  private void onReply(WsConn c, String frame) throws IOException {
    if (ERROR_TYPE.matcher(frame).find()) {
      Matcher code = ERROR_CODE.matcher(frame);
      fail(c, "error_frame_" + (code.find() ? code.group(1) : "unknown"));
    } else if (c.phase == Phase.AWAIT_RESET) {
      c.phase = Phase.AWAIT_STEP;
      c.deadlineNanos = System.nanoTime() + (long) ((opt.waitSeconds() + opt.timeoutSlackSeconds()) * 1e9);
      c.send(WsFrames.text("{\"type\":\"step\",\"data\":{\"wait_seconds\":" + opt.waitSeconds() + "}}"));
      tally.steppingPeak = Math.max(tally.steppingPeak, ++tally.steppingNow);
      stepSentOrFailed();
    } else if (c.phase == Phase.AWAIT_STEP) {
      tally.steppingNow--;
      tally.successes++;
      c.phase = Phase.CLOSING;
      c.deadlineNanos = System.nanoTime() + 5_000_000_000L;
      ended++;
      c.send(WsFrames.text("{\"type\":\"close\"}"));
      c.send(WsFrames.close1000());
    }
  }

  private void stepSentOrFailed() {
    if (++tally.stepSentOrFailed == opt.sessions()) {
      System.out.printf("event=all-stepping at_s=%.2f client_stepping=%d%n", (System.nanoTime() - tally.firstConnectNanos) / 1e9, tally.steppingNow);
      System.out.flush();
    }
  }

  /** Ends timed-out sessions and forgets ended ones. */
  private void sweep(long now) {
    for (WsConn c : List.copyOf(live)) {
      if (c.phase != Phase.DONE && now - c.deadlineNanos > 0) {
        if (c.phase == Phase.CLOSING) {
          finish(c);
        } else {
          fail(c, "timeout_" + c.phase.name().toLowerCase());
        }
      }
    }
    live.removeIf(c -> c.phase == Phase.DONE);
  }

  private void fail(WsConn c, String cause) {
    if (c.phase == Phase.DONE || c.phase == Phase.CLOSING) {
      finish(c);
      return;
    }
    tally.fail(cause);
    if (c.phase == Phase.AWAIT_STEP) {
      tally.steppingNow--;
    } else {
      stepSentOrFailed();
    }
    ended++;
    finish(c);
  }

  private void finish(WsConn c) {
    c.phase = Phase.DONE;
    try {
      if (c.ch != null) {
        c.ch.close();
      }
    } catch (IOException e) {
      // already closed
    }
  }

  private static String causeOf(IOException e) {
    return switch (e) {
      case BindException b -> "bind_failed";
      case ConnectException r -> "connect_refused";
      default -> "io_" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : "_" + e.getMessage().replaceAll("\\W+", "_"));
    };
  }
}
