package dev.openenvbench.results;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Appends {@link SessionRecord}s to {@code raw.jsonl}, one compact JSON object per line, fields in
 * {@link RawFields#ALL} order. Each line is written whole and flushed as the session finishes, so
 * the file is valid JSONL at every moment and an aborted run keeps every finished session.
 * Thread-safe: sessions finish on several event-loop threads.
 */
public final class RawJsonlWriter implements Closeable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final BufferedWriter out;

  public RawJsonlWriter(Path file) {
    this(open(file));
  }

  private RawJsonlWriter(BufferedWriter out) {
    this.out = out;
  }

  /** A writer that drops every record: a run without {@code --output-dir}. */
  public static RawJsonlWriter discarding() {
    return new RawJsonlWriter(new BufferedWriter(java.io.Writer.nullWriter()));
  }

  private static BufferedWriter open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.newBufferedWriter(
          file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void write(SessionRecord r) {
    try {
      out.write(toJson(r));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON text of one record, without the newline. */
  public static String toJson(SessionRecord r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("request_id", r.requestId());
    o.put("mode", r.mode());
    o.put("timestamp", r.timestamp());
    o.put("wait_requested", r.waitRequested());
    o.put("batch_size", r.batchSize());
    o.put("hardware", r.hardware());
    o.put("connect_latency", r.connectLatency());
    o.put("reset_latency", r.resetLatency());
    o.put("step_latency", r.stepLatency());
    o.put("total_latency", r.totalLatency());
    o.put("waited_seconds", r.waitedSeconds());
    o.put("pid", r.pid());
    o.put("session_hash", r.sessionHash());
    o.put("host_url", r.hostUrl());
    o.put("success", r.success());
    o.put("error_type", r.errorType());
    o.put("error_message", r.errorMessage());
    o.put("repetition", r.repetition());
    o.put("url", r.url());
    o.put("steps", r.steps());
    o.put("steps_completed", r.stepsCompleted());
    o.put("tcp_connect_latency", r.tcpConnectLatency());
    o.put("ws_upgrade_latency", r.wsUpgradeLatency());
    o.put("close_latency", r.closeLatency());
    o.put("step_overhead", r.stepOverhead());
    o.put("step_latency_max", r.stepLatencyMax());
    o.put("error_code", r.errorCode());
    o.put("active_sessions", r.activeSessions());
    o.put("max_sessions", r.maxSessions());
    o.put("remote_address", r.remoteAddress());
    o.put("start_offset", r.startOffset());
    o.put("step_start_offset", r.stepStartOffset());
    o.put("step_end_offset", r.stepEndOffset());
    return JSON.writeValueAsString(o);
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
