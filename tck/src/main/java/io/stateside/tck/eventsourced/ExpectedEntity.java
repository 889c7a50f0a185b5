package io.stateside.tck.eventsourced;

import static io.stateside.tck.protocol.EventSourcedMessages.actionFailure;
import static io.stateside.tck.protocol.EventSourcedMessages.command;
import static io.stateside.tck.protocol.EventSourcedMessages.event;
import static io.stateside.tck.protocol.EventSourcedMessages.init;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.tck.interceptor.RecordedStream;
import io.stateside.tck.interceptor.ScenarioTraffic;
import io.stateside.tck.protocol.Effects;
import io.stateside.tck.protocol.EventSourcedMessages;
import io.stateside.tck.scenario.Expect;
import io.stateside.tck.scenario.TckContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What must cross the interceptor for one event-sourced entity, given what it has stored so far.
 *
 * <p>It keeps the entity's journal as the scenario's expected replies build it. When the proxy
 * (re)starts the entity, the next stream must open with an init carrying the latest snapshot and
 * then the events after it; commands on a stream are numbered from 1.
 */
final class ExpectedEntity {

  private final ScenarioTraffic traffic;
  private final Duration timeout;
  private final String service;
  private final String entityId;
  private final List<Any> journal = new ArrayList<>();
  private long snapshotSequence;
  private Any snapshot;
  private RecordedStream<EventSourcedStreamIn, EventSourcedStreamOut> stream;
  private long commandId;

  ExpectedEntity(TckContext tck, String service, String entityId) {
    this.traffic = tck.traffic();
    this.timeout = tck.timeout();
    this.service = service;
    this.entityId = entityId;
  }

  /** Expects the command, answered with a reply, its events stored. */
  ExpectedEntity reply(String command, Message request, Message response, Effects effects) {
    expectCommand(command, request);
    stream.expectFromUserFunction(EventSourcedMessages.reply(commandId, response, effects));
    stored(effects);
    return this;
  }

  ExpectedEntity reply(String command, Message request, Message response) {
    return reply(command, request, response, Effects.NONE);
  }

  /** Expects the command, answered with a forward, its events stored. */
  ExpectedEntity forward(String command, Message request, String targetService, String targetCommand, Message payload,
                         Effects effects) {
    expectCommand(command, request);
    stream.expectFromUserFunction(EventSourcedMessages.forward(commandId, targetService, targetCommand, payload, effects));
    stored(effects);
    return this;
  }

  /**
   * Expects the command, refused with the description and nothing stored. A user function may
   * ask for a restart along with the failure; then the proxy must end the stream, and the
   * entity's next stream replays the journal.
   */
  ExpectedEntity failure(String command, Message request, String description) {
    expectCommand(command, request);
    EventSourcedStreamOut answer = stream.nextFromUserFunction();
    boolean restart = answer.getReply().getClientAction().getFailure().getRestart();
    Expect.equal(stream + ": the answer to a failing command", actionFailure(commandId, description, restart), answer);
    if (restart) {
      ended();
    }
    return this;
  }

  /**
   * Expects the command, refused with the description and nothing stored, and the stream to end:
   * the interceptor made the failure ask for a restart ({@link RecordedStream#rewriteNextAnswer}),
   * so the next command must find the entity restarted from the journal.
   */
  ExpectedEntity restartedAfterFailure(String command, Message request, String description) {
    expectCommand(command, request);
    EventSourcedStreamOut answer = stream.nextFromUserFunction();
    boolean restart = answer.getReply().getClientAction().getFailure().getRestart();
    Expect.equal(stream + ": the answer to a failing command", actionFailure(commandId, description, restart), answer);
    ended();
    return this;
  }

  /**
   * Expects the command and the user function's reply, which the interceptor withheld from the
   * proxy as it broke the stream ({@link RecordedStream#breakAtNextAnswer}): nothing of it is
   * stored, and the stream ends.
   */
  ExpectedEntity lostReply(String command, Message request, Message response, Effects effects) {
    expectCommand(command, request);
    stream.expectFromUserFunction(EventSourcedMessages.reply(commandId, response, effects));
    ended();
    return this;
  }

  /** The stream now carrying this entity's commands; it must already be open. */
  RecordedStream<EventSourcedStreamIn, EventSourcedStreamOut> stream() {
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
      stream = traffic.nextEventSourcedStream(service, entityId);
      commandId = 0;
      expectRecovery();
    }
    commandId++;
    stream.expectFromProxy(command(commandId, entityId, command, request));
  }

  private void expectRecovery() {
    stream.expectFromProxy(snapshot == null
        ? init(service, entityId)
        : init(service, entityId, snapshotSequence, snapshot));
    for (int i = (int) snapshotSequence; i < journal.size(); i++) {
      stream.expectFromProxy(event(i + 1, journal.get(i)));
    }
  }

  private void stored(Effects effects) {
    journal.addAll(effects.events());
    effects.snapshot().ifPresent(taken -> {
      snapshot = taken;
      snapshotSequence = journal.size();
    });
  }
}
