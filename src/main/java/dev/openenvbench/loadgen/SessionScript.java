package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.ClientFrames;
import dev.openenvbench.protocol.ClientMessage;
import dev.openenvbench.protocol.HttpCall;
import java.util.List;

/**
 * One session's messages, encoded for its transport, and its pauses: what {@link WsSessionHandler}
 * and {@link HttpSession} send at each step of {@link SessionSpec#workload()}. A session whose
 * steps all send the same action (the benchmark's, or one {@code --action-json}) encodes it once.
 * Confined to its session.
 */
final class SessionScript {
  private static final String SEED_RESET = ClientFrames.text(new ClientMessage.Reset());
  private final SessionSpec spec;
  private final StepActions actions;
  private final boolean sameEveryStep;
  private String wsStep;
  private HttpCall httpStep;

  SessionScript(SessionSpec spec) {
    this.spec = spec;
    this.actions = spec.workload().actions();
    this.sameEveryStep = !(actions instanceof StepActions.Given g) || g.messages().size() == 1;
  }

  /** Encodes the step every step sends (if they all send one) now, before the session starts. */
  SessionScript encodeAhead(boolean ws) {
    if (sameEveryStep) {
      if (ws) stepFrame(0);
      else stepCall(0);
    }
    return this;
  }

  String resetFrame() {
    ClientMessage.Reset reset = spec.workload().reset();
    return reset == null ? SEED_RESET : ClientFrames.text(reset);
  }

  HttpCall resetCall() {
    ClientMessage.Reset reset = spec.workload().reset();
    return reset == null ? HttpCall.reset() : HttpCall.reset(reset.data());
  }

  /** Whether step {@code i} is an MCP message (answered by an {@code mcp} reply). */
  boolean mcp(int i) {
    return message(i) instanceof ClientMessage.Mcp;
  }

  String stepFrame(int i) {
    if (sameEveryStep && wsStep != null) return wsStep;
    String text = ClientFrames.text(message(i));
    if (sameEveryStep) wsStep = text;
    return text;
  }

  HttpCall stepCall(int i) {
    if (sameEveryStep && httpStep != null) return httpStep;
    HttpCall call =
        switch (message(i)) {
          case ClientMessage.Step(var action) -> HttpCall.step(action);
          case ClientMessage.Mcp(var request) -> HttpCall.mcp(request);
          case ClientMessage.Reset r -> throw notAStep();
          case ClientMessage.State r -> throw notAStep();
          case ClientMessage.Close r -> throw notAStep();
        };
    if (sameEveryStep) httpStep = call;
    return call;
  }

  /** The pause before step {@code i}, in nanoseconds (0 = none). */
  long thinkNanos(int i) {
    return spec.workload().thinkNanos(spec.requestId(), i);
  }

  List<RequestHeaders.Header> headers() {
    return spec.workload().headers().forTarget(spec.target());
  }

  private static IllegalStateException notAStep() {
    return new IllegalStateException("a step sends a step or an MCP message");
  }

  private ClientMessage message(int i) {
    return actions.message(i, spec.waitSeconds());
  }
}
