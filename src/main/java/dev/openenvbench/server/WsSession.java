package dev.openenvbench.server;

import dev.openenvbench.env.ActionCheck;
import dev.openenvbench.env.Environment;
import dev.openenvbench.env.EnvironmentType;
import dev.openenvbench.protocol.ClientMessage;
import dev.openenvbench.protocol.ClientMessageParser;
import dev.openenvbench.protocol.ParsedMessage;
import dev.openenvbench.protocol.ServerFrames;
import dev.openenvbench.protocol.WsError;
import dev.openenvbench.protocol.WsErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One {@code /ws} session's protocol logic, free of Netty so it can be tested directly: a text
 * frame goes in, the reply comes out (docs/protocol.md §5). Calls are made one at a time by the
 * transport, on the connection's event loop; environment code runs on {@link EnvCalls}.
 *
 * <p>The session remembers the environment call in progress, so that {@link #end()} can stop it
 * when the client goes away and close the environment only after it (docs/server.md "Slot rules").
 */
final class WsSession {
  /** What the transport should do with the result of one frame. */
  sealed interface Reply {
    /** Send {@code text}; then close with 1000 if {@code thenClose}. */
    record Send(String text, boolean thenClose) implements Reply {}

    /** The client said {@code close}: close with 1000, no reply. */
    record Close() implements Reply {}
  }

  private final Environment env;
  private final EnvironmentType type;
  private final EnvCalls calls;
  private final McpEndpoint mcp;
  private final ScheduledExecutorService loop;
  private final boolean observationMetadata;
  private final Runnable release;

  /**
   * The environment call (or timed reply) of the message being answered. Written on the event loop,
   * and by the environment's thread when a blocking step hands over to its reply; read by {@link
   * #end()} on the event loop.
   */
  private volatile EnvCalls.Call<?> current;

  /**
   * The environment's share of the step whose reply is being sent ({@code TimedStep.takes}), or -1
   * when the reply is not a step's; read once by the transport after the write ({@link
   * #takeStepNanos()}).
   */
  private volatile long stepNanos = -1;

  /**
   * @param loop the connection's event loop, which delivers the replies of non-blocking
   *     environments' steps when they are due
   * @param observationMetadata whether observations carry {@code metadata} (OpenEnv 0.4+)
   * @param release what ends the session's hold on {@code env} once its last call is over: {@code
   *     env.close()} for a session of its own, a detach for one attached to an MCP session
   */
  WsSession(
      Environment env,
      EnvironmentType type,
      EnvCalls calls,
      McpEndpoint mcp,
      ScheduledExecutorService loop,
      boolean observationMetadata,
      Runnable release) {
    this.env = env;
    this.type = type;
    this.calls = calls;
    this.mcp = mcp;
    this.loop = loop;
    this.observationMetadata = observationMetadata;
    this.release = release;
  }

  CompletableFuture<Reply> onText(String text) {
    return switch (ClientMessageParser.parse(text)) {
      case ParsedMessage.Rejected(WsError error) -> done(error(error));
      case ParsedMessage.Accepted(ClientMessage message) -> dispatch(message);
    };
  }

  private CompletableFuture<Reply> dispatch(ClientMessage message) {
    return switch (message) {
      case ClientMessage.Reset(var data) ->
          run(() -> ServerFrames.observation(env.reset(data), observationMetadata));
      case ClientMessage.Step(var action) -> step(action);
      case ClientMessage.State() -> run(() -> ServerFrames.state(env.state()));
      case ClientMessage.Close() -> done(new Reply.Close());
      // MCP may build an environment (a factory may block), so it always gets a virtual thread.
      case ClientMessage.Mcp(var request) ->
          reply(calls.submit(() -> ServerFrames.mcp(mcp.handle(request))));
    };
  }

  private CompletableFuture<Reply> step(tools.jackson.databind.node.ObjectNode action) {
    return switch (type.validateAction(action)) {
      case ActionCheck.Invalid(var errors) -> done(error(WsError.validation(errors)));
      case ActionCheck.Valid(var valid) -> {
        long start = System.nanoTime();
        yield reply(
            track(calls.callFor(env, () -> EnvCalls.timedStep(env, valid)))
                .thenCompose(
                    step -> {
                      stepNanos = step.takes().toNanos();
                      return track(
                          calls.deliver(
                              step,
                              start,
                              r -> ServerFrames.observation(r, observationMetadata),
                              loop));
                    }));
      }
    };
  }

  /** The environment's share of the reply just written, if it was a step's; resets it. */
  long takeStepNanos() {
    long nanos = stepNanos;
    stepNanos = -1;
    return nanos;
  }

  private interface FrameCall {
    String call() throws Exception;
  }

  /** Runs a reset or state call: here if the environment never blocks, else on a virtual thread. */
  private CompletableFuture<Reply> run(FrameCall call) {
    return reply(track(calls.callFor(env, call::call)));
  }

  private <T> EnvCalls.Call<T> track(EnvCalls.Call<T> call) {
    current = call;
    return call;
  }

  private static CompletableFuture<Reply> reply(CompletableFuture<String> frame) {
    return frame.handle(
        (text, failure) -> {
          if (failure == null) {
            return new Reply.Send(text, false);
          }
          Throwable cause =
              failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause()
                  : failure;
          return error(WsError.of(WsErrorCode.EXECUTION_ERROR, pythonStr(cause)));
        });
  }

  /**
   * Python's {@code str(exception)} for an exception with a message. Without one Python gives an
   * empty string; this gives the exception's class name instead, which says more.
   */
  static String pythonStr(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  static Reply error(WsError error) {
    return new Reply.Send(ServerFrames.error(error), error.code().closesSession());
  }

  private static CompletableFuture<Reply> done(Reply reply) {
    return CompletableFuture.completedFuture(reply);
  }

  /**
   * Ends the session whose client is gone: stops the call in progress, if any ({@link
   * EnvCalls.Call#stop()}), and once it has ended releases the environment (closes it, or detaches
   * from its MCP session), on a virtual thread unless the environment never blocks. Completes when
   * {@code close()} has returned; never fails. Call once, on the event loop, after the last {@link
   * #onText}.
   */
  CompletableFuture<Void> end() {
    EnvCalls.Call<?> running = current;
    if (running == null) {
      return closeEnv();
    }
    running.stop();
    return running.handle((result, failure) -> null).thenCompose(ended -> closeEnv());
  }

  private CompletableFuture<Void> closeEnv() {
    return calls
        .callFor(
            env,
            () -> {
              release.run();
              return (Void) null;
            })
        .exceptionally(failure -> null);
  }
}
