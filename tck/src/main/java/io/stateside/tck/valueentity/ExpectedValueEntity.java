package io.stateside.tck.valueentity;

import static io.stateside.tck.protocol.ValueEntityMessages.actionFailure;
import static io.stateside.tck.protocol.ValueEntityMessages.command;
import static io.stateside.tck.protocol.ValueEntityMessages.init;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import io.stateside.tck.interceptor.RecordedStream;
import io.stateside.tck.interceptor.ScenarioTraffic;
import io.stateside.tck.protocol.ValueEntityEffects;
import io.stateside.tck.protocol.ValueEntityMessages;
import io.stateside.tck.scenario.Expect;
import io.stateside.tck.scenario.TckContext;
import java.time.Duration;
import java.util.Optional;

/**
 * What must cross the interceptor for one value entity, given what it has stored so far.
 *
 * <p>It keeps the entity's stored state as the scenario's expected replies change it. When the
 * proxy (re)starts the entity, the next stream must open with an init carrying that state (a
 * state without value when nothing is stored); commands on a stream are numbered from 1.
 */
final class ExpectedValueEntity {

  private final ScenarioTraffic traffic;
  private final Duration timeout;
  private final String service;
  private final String entityId;
  private Optional<Any> stored = Optional.empty();
  private RecordedStream<ValueEntityStreamIn, ValueEntityStreamOut> stream;
  private long commandId;

  ExpectedValueEntity(TckContext tck, String service, String entityId) {
    this.traffic = tck.traffic();
    this.timeout = tck.timeout();
    this.service = service;
    this.entityId = entityId;
  }

  /** Expects the command, answered with a reply, its state action stored. */
  ExpectedValueEntity reply(String command, Message request, Message response, ValueEntityEffects effects) {
    expectCommand(command, request);
    stream.expectFromUserFunction(ValueEntityMessages.reply(commandId, response, effects));
    stored(effects);
    return this;
  }

  ExpectedValueEntity reply(String command, Message request, Message response) {
    return reply(command, request, response, ValueEntityEffects.NONE);
  }

  /** Expects the command, answered with a forward, its state action stored. */
  ExpectedValueEntity forward(String command, Message request, String targetService, String targetCommand,
                              Message payload, ValueEntityEffects effects) {
    expectCommand(command, request);
    stream.expectFromUserFunction(ValueEntityMessages.forward(commandId, targetService, targetCommand, payload, effects));
    stored(effects);
    return this;
  }

  /**
   * Expects the command, refused with the description and nothing stored. If the user function
   * asks for a restart along with the failure, the proxy must end the stream.
   */
  ExpectedValueEntity failure(String command, Message request, String description) {
    expectCommand(command, request);
    ValueEntityStreamOut answer = stream.nextFromUserFunction();
    boolean restart = answer.getReply().getClientAction().getFailure().getRestart();
    Expect.equal(stream + ": the answer to a failing command", actionFailure(commandId, description, restart), answer);
    if (restart) {
      ended();
    }
    return this;
  }

  /**
   * Expects the command, refused with the description, and the stream to end: the interceptor
   * made the failure ask for a restart, so the next command must find the entity restarted from
   * its stored state.
   */
  ExpectedValueEntity restartedAfterFailure(String command, Message request, String description) {
    expectCommand(command, request);
    ValueEntityStreamOut answer = stream.nextFromUserFunction();
    boolean restart = answer.getReply().getClientAction().getFailure().getRestart();
    Expect.equal(stream + ": the answer to a failing command", actionFailure(commandId, description, restart), answer);
    ended();
    return this;
  }

  /**
   * Expects the command and the user function's reply, which the interceptor withheld from the
   * proxy as it broke the stream: nothing of it is stored, and the stream ends.
   */
  ExpectedValueEntity lostReply(String command, Message request, Message response, ValueEntityEffects effects) {
    expectCommand(command, request);
    stream.expectFromUserFunction(ValueEntityMessages.reply(commandId, response, effects));
    ended();
    return this;
  }

  /** The stream now carrying this entity's commands; it must already be open. */
  RecordedStream<ValueEntityStreamIn, ValueEntityStreamOut> stream() {
    Expect.that(stream != null, "no stream of " + service + " entity '" + entityId + "' is open");
    return stream;
  }

  /** Expects the current stream to end, with nothing unexpected on it; the next command opens another. */
  RecordedStream.Closure ended() {
    return ended(Duration.ZERO);
  }

  /** As {@link #ended()}, allowing it {@code extra} time beyond the usual timeout. */
  RecordedStream.Closure ended(Duration extra) {
    RecordedStream.Closure closure = stream().expectClosed(timeout.plus(extra));
    stream = null;
    return closure;
  }

  private void expectCommand(String command, Message request) {
    if (stream == null) {
      stream = traffic.nextValueEntityStream(service, entityId);
      commandId = 0;
      stream.expectFromProxy(init(service, entityId, stored));
    }
    commandId++;
    stream.expectFromProxy(command(commandId, entityId, command, request));
  }

  private void stored(ValueEntityEffects effects) {
    effects.stateAction().ifPresent(action -> stored = action.hasUpdate()
        ? Optional.of(action.getUpdate().getValue())
        : Optional.empty());
  }
}
