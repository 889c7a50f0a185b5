package io.stateside.tck.crdt;

import static io.stateside.tck.scenario.Show.show;

import com.google.protobuf.Message;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.tck.interceptor.RecordedStream;
import io.stateside.tck.interceptor.ScenarioTraffic;
import io.stateside.tck.protocol.CrdtMessages;
import io.stateside.tck.scenario.Expect;
import io.stateside.tck.scenario.TckContext;
import io.stateside.protocol.crdt.CrdtDelta;
import java.time.Duration;
import java.util.Optional;

/**
 * What must cross the interceptor for one CRDT entity of a proxy scenario. The proxy opens the
 * entity's stream with an init (no delta for an entity new to the cluster) and numbers the
 * stream's commands from 1; messages are compared in normal form. A restarted entity's init
 * carries its state ({@link #restartsWith}).
 */
final class ExpectedCrdtEntity {

  private final ScenarioTraffic traffic;
  private final Duration timeout;
  private final String service;
  private final String entityId;
  private RecordedStream<CrdtStreamIn, CrdtStreamOut> stream;
  private long commandId;
  private Optional<CrdtDelta> replicated = Optional.empty();

  ExpectedCrdtEntity(TckContext tck, String service, String entityId) {
    this.traffic = tck.traffic();
    this.timeout = tck.timeout();
    this.service = service;
    this.entityId = entityId;
  }

  /** Expects the proxy's next command to be {@code name} with {@code request}, and returns its id. */
  long command(String name, Message request) {
    opened();
    commandId++;
    stream.expectFromProxy(CrdtMessages.command(commandId, entityId, name, request));
    return commandId;
  }

  /** As {@link #command}, for a command whose client keeps listening. */
  long streamedCommand(String name, Message request) {
    opened();
    commandId++;
    stream.expectFromProxy(CrdtMessages.streamedCommand(commandId, entityId, name, request));
    return commandId;
  }

  /** Expects the proxy's next message on the open stream to be {@code expected}, a delta or a cancellation. */
  ExpectedCrdtEntity fromProxy(CrdtStreamIn expected) {
    stream().expectFromProxy(expected);
    return this;
  }

  /** Expects the user function's next message on the open stream to be {@code expected}. */
  ExpectedCrdtEntity answer(CrdtStreamOut expected) {
    CrdtStreamOut actual = stream().nextFromUserFunction();
    if (!CrdtMessages.comparable(expected).equals(CrdtMessages.comparable(actual))) {
      throw new AssertionError(stream + ": the user function answered " + show(actual) + " where " + show(expected)
          + " was expected");
    }
    return this;
  }

  /**
   * Makes the interceptor withhold the user function's next answer and break the stream instead
   * ({@link RecordedStream#breakAtNextAnswer()}).
   */
  void breakAtNextAnswer() {
    stream().breakAtNextAnswer();
  }

  /**
   * The state the entity's next stream must start from: its init carries it as a delta from
   * nothing, as a proxy restarting an entity with replicated state sends it.
   */
  void restartsWith(CrdtDelta state) {
    replicated = Optional.of(state);
  }

  /** Expects the stream to end, with nothing unexpected on it; the next command opens another. */
  RecordedStream.Closure ended() {
    return ended(Duration.ZERO);
  }

  /** As {@link #ended()}, allowing it {@code extra} time beyond the usual timeout. */
  RecordedStream.Closure ended(Duration extra) {
    RecordedStream.Closure closure = stream().expectClosed(timeout.plus(extra));
    stream = null;
    return closure;
  }

  private RecordedStream<CrdtStreamIn, CrdtStreamOut> stream() {
    Expect.that(stream != null, "no stream of " + service + " entity '" + entityId + "' is open");
    return stream;
  }

  private void opened() {
    if (stream == null) {
      stream = traffic.nextCrdtStream(service, entityId);
      commandId = 0;
      stream.expectFromProxy(replicated.map(state -> CrdtMessages.init(service, entityId, state))
          .orElseGet(() -> CrdtMessages.init(service, entityId)));
    }
  }
}
