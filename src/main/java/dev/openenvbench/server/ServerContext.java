package dev.openenvbench.server;

import dev.openenvbench.env.Environment;
import dev.openenvbench.env.EnvironmentType;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.ScheduledExecutorService;

/** What every connection of one server process shares. Thread-safe. */
final class ServerContext {
  private final ServerConfig config;
  private final EnvironmentType type;
  private final ServerMetrics metrics;
  private final SessionSlots slots;
  private final ReceiveBudget receiveBudget;
  private final EnvCalls calls;
  private final McpEndpoint mcp;
  private final HttpApi api;
  private final ChannelGroup sessions =
      new DefaultChannelGroup("ws-sessions", GlobalEventExecutor.INSTANCE);

  ServerContext(ServerConfig config, EnvironmentType type, ServerMetrics metrics) {
    this.config = config;
    this.type = type;
    this.metrics = metrics;
    this.slots = new SessionSlots(config.maxConcurrentEnvs(), metrics);
    this.receiveBudget =
        new ReceiveBudget(
            config.slotRules().budgetFor(Runtime.getRuntime().maxMemory(), config.maxFrameBytes()),
            metrics.receiveBufferedCounter());
    this.calls = new EnvCalls(metrics);
    this.mcp = new McpEndpoint(type, slots);
    this.api = new HttpApi(type, calls, metrics, mcp, config.dialect());
  }

  /** A session of its own: ending it closes {@code env}. */
  WsSession newSession(Environment env, ScheduledExecutorService loop) {
    return new WsSession(
        env, type, calls, mcp, loop, config.dialect().release().observationMetadata(), env::close);
  }

  /** A WebSocket attached to MCP session {@code sessionId}: ending it detaches. */
  WsSession attachedSession(Environment env, String sessionId, ScheduledExecutorService loop) {
    return new WsSession(
        env,
        type,
        calls,
        mcp,
        loop,
        config.dialect().release().observationMetadata(),
        () -> mcp.detach(sessionId));
  }

  ServerConfig config() {
    return config;
  }

  EnvironmentType type() {
    return type;
  }

  ServerMetrics metrics() {
    return metrics;
  }

  SessionSlots slots() {
    return slots;
  }

  ReceiveBudget receiveBudget() {
    return receiveBudget;
  }

  EnvCalls calls() {
    return calls;
  }

  McpEndpoint mcp() {
    return mcp;
  }

  HttpApi api() {
    return api;
  }

  /** Open WebSocket connections, so shutdown can close them with 1001. */
  ChannelGroup sessions() {
    return sessions;
  }
}
