package io.stateside.proxy.crdt;

import akka.NotUsed;
import akka.actor.AbstractActorWithTimers;
import akka.actor.ActorRef;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.Props;
import akka.cluster.ddata.DistributedData;
import akka.cluster.ddata.ReplicatedData;
import akka.cluster.ddata.Replicator;
import akka.stream.Materializer;
import akka.stream.javadsl.Source;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Command;
import io.stateside.protocol.Failure;
import io.stateside.protocol.StreamCancelled;
import io.stateside.protocol.crdt.CrdtDelete;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.CrdtInit;
import io.stateside.protocol.crdt.CrdtReply;
import io.stateside.protocol.crdt.CrdtStateAction;
import io.stateside.protocol.crdt.CrdtStreamCancelledResponse;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.protocol.crdt.CrdtStreamedMessage;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.proxy.entity.EntityReplies;
import io.stateside.proxy.entity.SideEffectRunner;
import io.stateside.proxy.telemetry.EntityMetrics;
import io.stateside.proxy.telemetry.ThrottledLog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CRDT entity on one node. The real CRDT lives in Akka Distributed Data; the user function
 * holds a copy of its value, which this actor keeps in step: the user function's deltas go to
 * the replicator, and changes made on other nodes come back to the user function as deltas, but
 * never while it has a command (or a stream cancellation) outstanding or one of its writes is
 * under way, so its value and ours never change under each other. Several commands may be
 * outstanding at once; the user function answers them in order on the one stream.
 *
 * <p>When the stream breaks, the user function breaks the protocol or stops answering, the
 * callers still waiting get {@code UNAVAILABLE} and the entity starts a new stream from the
 * local replica. The actor itself stays, so commands queued behind keep their order.
 */
public final class CrdtEntity extends AbstractActorWithTimers {

  private static final Logger plainLog = LoggerFactory.getLogger(CrdtEntity.class);
  private static final ThrottledLog log = new ThrottledLog(plainLog, Duration.ofSeconds(10));

  /** Messages to the user function beyond the commands in flight: deltas and cancellations. */
  private static final int STREAM_HEADROOM = 1024;

  /** Configuration shared by all entities of one service on this node. */
  record Settings(
      String serviceName,
      Function<Source<CrdtStreamIn, NotUsed>, Source<CrdtStreamOut, NotUsed>> handle,
      CrdtSettings crdt,
      int maxCommandsInFlight,
      Duration passivationTimeout,
      Duration userFunctionTimeout,
      EntityMetrics metrics,
      SideEffectRunner sideEffects) {}

  /** A streamed call's command, with the client's end of it. */
  record StreamedCommand(EntityCommand command, StreamedReplies replies) implements NoSerializationVerificationNeeded {}

  /** From the entity to its parent: idle for the passivation timeout, it may be stopped. */
  enum Idle implements NoSerializationVerificationNeeded { INSTANCE }

  /** From the parent: stop once nothing is outstanding. */
  enum Stop implements NoSerializationVerificationNeeded { INSTANCE }

  private enum Tick implements NoSerializationVerificationNeeded { INSTANCE }

  /** The client of a streamed call has gone; ids are per stream, hence the incarnation. */
  private record ClientGone(int incarnation, long commandId) implements NoSerializationVerificationNeeded {}

  /** The request of an initial read: for which incarnation. */
  private record Load(int incarnation) implements NoSerializationVerificationNeeded {}

  /** The request of a read that brings the user function up to date after a busy spell. */
  private enum Reconcile implements NoSerializationVerificationNeeded { INSTANCE }

  /** The request of a write: whom to answer with what, once the write has its consistency. */
  private record AfterWrite(Caller caller, EntityReply reply, boolean endStream, String consistency)
      implements NoSerializationVerificationNeeded {}

  /** Who waits for a command's answer: a unary caller, or a streamed call. */
  private record Caller(long commandId, String name, ActorRef unary, StreamedCall streamed, long sentNanos) {

    void answer(EntityReply reply, boolean endStream) {
      if (streamed == null) {
        unary.tell(reply, ActorRef.noSender());
      } else {
        streamed.deliverFirst(reply, endStream);
      }
    }

    /** Answers with an error that ends a streamed call too. */
    void fail(EntityReply reply) {
      if (streamed == null) {
        unary.tell(reply, ActorRef.noSender());
      } else {
        streamed.abandon(reply);
      }
    }
  }

  private enum Phase { LOADING, RUNNING, DELETED }

  private record Waiting(EntityCommand command, ActorRef sender, StreamedReplies replies) {}

  private final Settings settings;
  private final String entityId;
  private final CrdtKey key;
  private final ActorRef replicator;
  private final CrdtDeltas deltas;
  private final Materializer materializer;

  private Phase phase = Phase.LOADING;
  private int incarnation;
  private CrdtStream stream;
  /** The CRDT's value as the user function holds it; null while it has none. */
  private ReplicatedData seen;
  private long lastCommandId;
  /** Commands sent to the user function, oldest first, awaiting its reply. */
  private final LinkedHashMap<Long, Caller> calls = new LinkedHashMap<>();
  /** Streamed calls the user function goes on streaming to. */
  private final Map<Long, StreamedCall> openStreams = new HashMap<>();
  /** Streamed calls whose cancellation the user function has not answered yet. */
  private final Set<Long> cancelling = new HashSet<>();
  private final Queue<Waiting> waiting = new ArrayDeque<>();
  private int writesUnderWay;
  /** The replica changed while the user function could not be told. */
  private boolean behind;
  private boolean reconciling;
  private boolean stopRequested;
  private long lastActivityNanos = System.nanoTime();

  private CrdtEntity(Settings settings) {
    this.settings = settings;
    this.entityId = URLDecoder.decode(self().path().name(), StandardCharsets.UTF_8);
    this.key = CrdtKey.of(settings.serviceName(), entityId);
    DistributedData ddata = DistributedData.get(context().system());
    this.replicator = ddata.replicator();
    this.deltas = new CrdtDeltas(ddata.selfUniqueAddress());
    this.materializer = Materializer.matFromSystem(context().system());
  }

  static Props props(Settings settings) {
    return Props.create(CrdtEntity.class, () -> new CrdtEntity(settings));
  }

  @Override
  public void preStart() {
    settings.metrics().activated();
    replicator.tell(new Replicator.Subscribe<>(key, self()), self());
    load(new Replicator.ReadMajority(settings.crdt().initialReadTimeout()));
    Duration tick = settings.passivationTimeout().dividedBy(2);
    tick = tick.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1)
        : tick.compareTo(Duration.ofMillis(20)) < 0 ? Duration.ofMillis(20) : tick;
    timers().startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, tick);
  }

  @Override
  public void postStop() {
    // Nothing is left unanswered, however the actor ends.
    EntityReply gone = EntityReplies.unavailable("the CRDT entity stopped before it could answer");
    calls.values().forEach(caller -> caller.fail(gone));
    openStreams.values().forEach(call -> call.abandon(gone));
    waiting.forEach(command -> answerAtOnce(command, gone));
    if (stream != null) {
      stream.abort();
    }
    replicator.tell(new Replicator.Unsubscribe<>(key, self()), ActorRef.noSender());
    settings.metrics().stopped();
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(EntityCommand.class, command -> accept(new Waiting(command, sender(), null)))
        .match(StreamedCommand.class, streamed -> accept(new Waiting(streamed.command(), null, streamed.replies())))
        .match(CrdtStream.Received.class, received -> received.incarnation() == incarnation,
            received -> onUserFunction(received.message()))
        .match(CrdtStream.Closed.class, closed -> closed.incarnation() == incarnation, this::onStreamClosed)
        .match(CrdtStream.Received.class, stale -> {})
        .match(CrdtStream.Closed.class, stale -> {})
        .match(Replicator.GetSuccess.class, this::onRead)
        .match(Replicator.NotFound.class, notFound -> onRead(notFound.getRequest(), null))
        .match(Replicator.GetFailure.class, this::onReadFailed)
        .match(Replicator.GetDataDeleted.class, deleted -> onDeleted("it was deleted"))
        .match(Replicator.Changed.class, changed -> onChanged((ReplicatedData) changed.dataValue()))
        .match(Replicator.Deleted.class, deleted -> onDeleted("another node deleted it"))
        .match(Replicator.UpdateSuccess.class, success -> written(success.getRequest(), null))
        .match(Replicator.DeleteSuccess.class, success -> written(success.getRequest(), null))
        .match(Replicator.DataDeleted.class, deleted -> written(deleted.getRequest(), null))
        .match(Replicator.UpdateTimeout.class, timeout -> written(timeout.getRequest(), notConfirmed(timeout.getRequest())))
        .match(Replicator.ReplicationDeleteFailure.class, failure ->
            written(failure.getRequest(), notConfirmed(failure.getRequest())))
        .match(Replicator.UpdateDataDeleted.class, deleted -> written(deleted.getRequest(), deletedReply()))
        .match(Replicator.ModifyFailure.class, failure -> {
          written(failure.getRequest(), EntityReplies.unavailable("the CRDT entity could not apply the update"));
          restart("its update does not fit the replicated CRDT: " + failure.errorMessage());
        })
        .match(Replicator.StoreFailure.class, failure ->
            written(failure.getRequest(), EntityReplies.unavailable("the durable CRDT store could not keep the update")))
        .match(ClientGone.class, gone -> gone.incarnation() == incarnation, gone -> onClientGone(gone.commandId()))
        .match(ClientGone.class, stale -> {})
        .matchEquals(Tick.INSTANCE, tick -> onTick())
        .matchEquals(Stop.INSTANCE, stop -> {
          stopRequested = true;
          stopIfDone();
        })
        .build();
  }

  // ---- commands ----

  private void accept(Waiting command) {
    lastActivityNanos = System.nanoTime();
    if (phase == Phase.DELETED) {
      answerAtOnce(command, deletedReply());
      return;
    }
    waiting.add(command);
    sendWaiting();
  }

  private void sendWaiting() {
    while (phase == Phase.RUNNING && calls.size() < settings.maxCommandsInFlight() && !waiting.isEmpty()) {
      Waiting next = waiting.poll();
      long id = ++lastCommandId;
      StreamedCall streamed = null;
      if (next.replies() != null) {
        streamed = new StreamedCall(next.replies());
        int sentOn = incarnation;
        next.replies().whenGone(() -> self().tell(new ClientGone(sentOn, id), ActorRef.noSender()));
      }
      EntityCommand command = next.command();
      calls.put(id, new Caller(id, command.getName(), next.sender(), streamed, System.nanoTime()));
      send(CrdtStreamIn.newBuilder().setCommand(Command.newBuilder()
          .setEntityId(entityId)
          .setId(id)
          .setName(command.getName())
          .setPayload(command.getPayload())
          .setStreamed(streamed != null)
          .setMetadata(command.getMetadata())).build());
    }
  }

  private void answerAtOnce(Waiting command, EntityReply reply) {
    if (command.replies() == null) {
      command.sender().tell(reply, self());
    } else {
      new StreamedCall(command.replies()).abandon(reply);
    }
  }

  // ---- the user function ----

  private void onUserFunction(CrdtStreamOut message) {
    lastActivityNanos = System.nanoTime();
    switch (message.getMessageCase()) {
      case REPLY -> onReply(message.getReply());
      case STREAMED_MESSAGE -> onStreamedMessage(message.getStreamedMessage());
      case STREAM_CANCELLED_RESPONSE -> onCancelAnswered(message.getStreamCancelledResponse());
      case FAILURE -> onFailure(message.getFailure());
      case MESSAGE_NOT_SET -> restart("it sent an empty message");
    }
    afterProgress();
  }

  private void onReply(CrdtReply reply) {
    Caller caller = calls.remove(reply.getCommandId());
    if (caller == null) {
      restart("it answered command " + reply.getCommandId() + ", which it was not waiting on");
      return;
    }
    if (reply.getStreamed() && caller.streamed() == null) {
      caller.fail(EntityReplies.unavailable("the user function answered a unary call as streamed"));
      restart("it answered unary command " + caller.commandId() + " (" + caller.name() + ") as streamed");
      return;
    }
    boolean endStream = !reply.getStreamed();
    if (caller.streamed() != null && reply.getStreamed()) {
      openStreams.put(caller.commandId(), caller.streamed());
      if (caller.streamed().isClientGoneEarly()) {
        cancel(caller.commandId());
      }
    }
    EntityReply answer = toEntityReply(reply.hasClientAction() ? Optional.of(reply.getClientAction()) : Optional.empty(),
        reply.getSideEffectsList());
    perform(reply.hasStateAction() ? reply.getStateAction() : null, caller, answer, endStream);
  }

  private void onStreamedMessage(CrdtStreamedMessage message) {
    StreamedCall call = openStreams.get(message.getCommandId());
    if (call == null) {
      // The client may have left a moment ago; the user function learns it from StreamCancelled.
      plainLog.debug("CRDT entity {}/{}: streamed message for call {}, which has ended",
          settings.serviceName(), entityId, message.getCommandId());
      return;
    }
    if (message.hasClientAction() || message.getSideEffectsCount() > 0) {
      call.deliver(toEntityReply(
          message.hasClientAction() ? Optional.of(message.getClientAction()) : Optional.empty(),
          message.getSideEffectsList()));
    }
    if (message.getEndStream()) {
      openStreams.remove(message.getCommandId());
      call.end();
    }
  }

  private void onCancelAnswered(CrdtStreamCancelledResponse response) {
    if (!cancelling.remove(response.getCommandId())) {
      restart("it answered a cancellation of call " + response.getCommandId() + " that was not sent");
      return;
    }
    // Nobody waits for this answer: its side effects run on their own.
    settings.sideEffects().run(response.getSideEffectsList());
    perform(response.hasStateAction() ? response.getStateAction() : null, null, null, true);
  }

  private void onFailure(Failure failure) {
    Caller caller = calls.remove(failure.getCommandId());
    if (caller != null) {
      caller.fail(EntityReplies.failure(failure));
    }
    // A failure of the stream ends it: nothing more may be sent on it.
    restart("it failed the stream: " + failure.getDescription());
  }

  /**
   * Applies a reply's state action, then answers its caller (or, for a cancellation, nobody):
   * at once when the state is unchanged, else once the write has its consistency.
   */
  private void perform(CrdtStateAction action, Caller caller, EntityReply answer, boolean endStream) {
    if (action == null || action.getActionCase() == CrdtStateAction.ActionCase.ACTION_NOT_SET) {
      if (caller != null) {
        caller.answer(answer, endStream);
      }
      return;
    }
    String consistency = action.getWriteConsistency().name();
    Optional<Object> request = Optional.of(new AfterWrite(caller, answer, endStream, consistency));
    Replicator.WriteConsistency write = settings.crdt().write(action.getWriteConsistency());
    if (action.getActionCase() == CrdtStateAction.ActionCase.DELETE) {
      writesUnderWay++;
      replicator.tell(new Replicator.Delete<>(key, write, request), self());
      deletedHere();
      return;
    }
    CrdtDelta delta = action.getUpdate();
    ReplicatedData created;
    try {
      created = deltas.create(delta);
      seen = seen == null ? created : deltas.apply(seen, delta);
    } catch (CrdtDeltaMismatch mismatch) {
      if (caller != null) {
        caller.fail(EntityReplies.unavailable("the user function's update did not fit the CRDT"));
      }
      restart("its update does not fit the CRDT: " + mismatch.getMessage());
      return;
    }
    writesUnderWay++;
    // The replica may hold changes the user function has not seen: the delta goes onto it, not
    // our copy. Without a replica, the CRDT the delta creates is the one.
    replicator.tell(new Replicator.Update<>(key, created, write, request,
        current -> current == created ? created : deltas.apply(current, delta)), self());
  }

  private void written(Optional<Object> request, EntityReply failure) {
    writesUnderWay--;
    AfterWrite after = (AfterWrite) request.orElseThrow();
    if (after.caller() != null) {
      if (failure == null) {
        after.caller().answer(after.reply(), after.endStream());
      } else {
        after.caller().fail(failure);
      }
    }
    afterProgress();
  }

  private EntityReply notConfirmed(Optional<Object> request) {
    String consistency = request.map(r -> ((AfterWrite) r).consistency()).orElse("the requested consistency");
    // DEADLINE_EXCEEDED, as gRPC has it for a change that may have been made although its
    // confirmation did not come in time; its description reaches the client as is.
    return EntityReplies.expired("the change was not confirmed by " + consistency + " of the replicas within "
        + settings.crdt().writeTimeout().toMillis() + " ms; it is kept on this node and spreads to the others when"
        + " they can be reached");
  }

  private static EntityReply toEntityReply(Optional<ClientAction> action, Iterable<io.stateside.protocol.SideEffect> effects) {
    EntityReply.Builder reply = EntityReply.newBuilder().addAllSideEffects(effects);
    action.ifPresent(reply::setAction);
    return reply.build();
  }

  // ---- streamed calls ----

  private void onClientGone(long commandId) {
    StreamedCall open = openStreams.remove(commandId);
    if (open != null) {
      cancel(commandId);
      return;
    }
    Caller unanswered = calls.get(commandId);
    if (unanswered != null && unanswered.streamed() != null) {
      unanswered.streamed().clientGoneEarly();
    }
  }

  private void cancel(long commandId) {
    if (phase != Phase.RUNNING) {
      return;
    }
    cancelling.add(commandId);
    send(CrdtStreamIn.newBuilder()
        .setStreamCancelled(StreamCancelled.newBuilder().setEntityId(entityId).setId(commandId)).build());
  }

  // ---- the replica ----

  private void load(Replicator.ReadConsistency consistency) {
    replicator.tell(new Replicator.Get<>(key, consistency, Optional.of(new Load(incarnation))), self());
  }

  private void onRead(Replicator.GetSuccess<?> success) {
    onRead(success.getRequest(), (ReplicatedData) success.dataValue());
  }

  private void onRead(Optional<Object> request, ReplicatedData data) {
    Object what = request.orElse(null);
    if (what instanceof Load loaded) {
      if (loaded.incarnation() == incarnation && phase == Phase.LOADING) {
        start(data);
      }
    } else if (what == Reconcile.INSTANCE) {
      reconciling = false;
      if (isBusy()) {
        behind = true;
      } else if (data != null) {
        tellUserFunction(data);
      }
    }
  }

  private void onReadFailed(Replicator.GetFailure<?> failure) {
    if (failure.getRequest().orElse(null) instanceof Load loaded && loaded.incarnation() == incarnation) {
      // A majority could not answer in time (a new node, a partition): this node's replica will do.
      plainLog.debug("CRDT entity {}/{}: no majority answered the initial read; reading locally",
          settings.serviceName(), entityId);
      load(Replicator.readLocal());
    } else {
      reconciling = false;
      behind = true;
    }
  }

  private void start(ReplicatedData data) {
    seen = data;
    stream = new CrdtStream(settings.handle(), materializer, incarnation,
        settings.maxCommandsInFlight() + STREAM_HEADROOM, self());
    CrdtInit.Builder init = CrdtInit.newBuilder().setServiceName(settings.serviceName()).setEntityId(entityId);
    if (data != null) {
      init.setDelta(deltas.state(data));
    }
    phase = Phase.RUNNING;
    send(CrdtStreamIn.newBuilder().setInit(init).build());
    sendWaiting();
    afterProgress();
  }

  private void onChanged(ReplicatedData data) {
    if (phase != Phase.RUNNING || isBusy() || reconciling) {
      behind = phase != Phase.DELETED;
      return;
    }
    tellUserFunction(data);
  }

  /** Sends the user function what changed since it last heard, if anything did. */
  private void tellUserFunction(ReplicatedData latest) {
    try {
      Optional<CrdtDelta> delta = seen == null ? Optional.of(deltas.state(latest)) : deltas.between(seen, latest);
      seen = latest;
      delta.ifPresent(change -> send(CrdtStreamIn.newBuilder().setDelta(change).build()));
    } catch (CrdtDeltaMismatch | IllegalStateException mismatch) {
      // Another node made the key a CRDT of another type, or the replica went backwards.
      restart("the replicated CRDT no longer follows from its value: " + mismatch.getMessage());
    }
  }

  private void onDeleted(String why) {
    if (phase == Phase.DELETED) {
      return;
    }
    plainLog.info("CRDT entity {}/{} is deleted: {}", settings.serviceName(), entityId, why);
    if (stream != null && phase == Phase.RUNNING) {
      send(CrdtStreamIn.newBuilder().setDelete(CrdtDelete.getDefaultInstance()).build());
    }
    deletedHere();
  }

  /** From now on the key is dead: callers get a failure, and the user function's stream ends. */
  private void deletedHere() {
    phase = Phase.DELETED;
    seen = null;
    EntityReply deleted = deletedReply();
    calls.values().forEach(caller -> caller.fail(deleted));
    calls.clear();
    openStreams.values().forEach(StreamedCall::end);
    openStreams.clear();
    cancelling.clear();
    waiting.forEach(command -> answerAtOnce(command, deleted));
    waiting.clear();
    if (stream != null) {
      stream.close();
      stream = null;
    }
  }

  private EntityReply deletedReply() {
    return EntityReplies.failure(Failure.newBuilder()
        .setDescription("CRDT entity '" + entityId + "' of " + settings.serviceName()
            + " was deleted; its key cannot be used again")
        .build());
  }

  // ---- the stream's life ----

  private void send(CrdtStreamIn message) {
    if (stream != null && !stream.send(message)) {
      restart("its stream took no more messages");
    }
  }

  private void onStreamClosed(CrdtStream.Closed closed) {
    stream = null;
    if (phase == Phase.DELETED) {
      return;
    }
    restart(closed.failure().map(error -> "its stream failed: " + error.getMessage())
        .orElse("it closed the entity's stream"));
  }

  /**
   * Discards the current stream: every caller that waits on it gets {@code UNAVAILABLE}, and a
   * new stream starts from the local replica for the commands behind them. Writes under way
   * still answer their callers when they finish: the replica has those changes.
   */
  private void restart(String why) {
    if (phase != Phase.RUNNING) {
      return;
    }
    log.warn("crdt-restart", "CRDT entity {}/{} restarts, because the user function {}",
        settings.serviceName(), entityId, why);
    settings.metrics().streamFailed();
    settings.metrics().restarted();
    EntityReply unavailable = EntityReplies.unavailable("the user function's stream for the CRDT entity broke");
    calls.values().forEach(caller -> caller.fail(unavailable));
    calls.clear();
    openStreams.values().forEach(call -> call.abandon(unavailable));
    openStreams.clear();
    cancelling.clear();
    if (stream != null) {
      stream.abort();
      stream = null;
    }
    incarnation++;
    // Command ids count from 1 on every stream.
    lastCommandId = 0;
    phase = Phase.LOADING;
    seen = null;
    behind = false;
    load(Replicator.readLocal());
  }

  // ---- progress, passivation, overdue answers ----

  private boolean isBusy() {
    return !calls.isEmpty() || !cancelling.isEmpty() || writesUnderWay > 0;
  }

  private void afterProgress() {
    sendWaiting();
    if (phase == Phase.RUNNING && behind && !isBusy() && !reconciling) {
      behind = false;
      reconciling = true;
      replicator.tell(new Replicator.Get<>(key, Replicator.readLocal(), Optional.of(Reconcile.INSTANCE)), self());
    }
    stopIfDone();
  }

  private void onTick() {
    Iterator<Caller> oldest = calls.values().iterator();
    if (oldest.hasNext()) {
      Caller caller = oldest.next();
      if (System.nanoTime() - caller.sentNanos() > settings.userFunctionTimeout().toNanos()) {
        restart("did not answer command " + caller.commandId() + " (" + caller.name() + ") within "
            + settings.userFunctionTimeout().toSeconds() + " s");
      }
    }
    boolean idle = System.nanoTime() - lastActivityNanos >= settings.passivationTimeout().toNanos();
    if (idle && isQuiet()) {
      settings.metrics().passivated();
      context().parent().tell(Idle.INSTANCE, self());
      lastActivityNanos = System.nanoTime();
    }
  }

  private boolean isQuiet() {
    return !isBusy() && openStreams.isEmpty() && waiting.isEmpty();
  }

  private void stopIfDone() {
    if (stopRequested && isQuiet()) {
      if (stream != null) {
        stream.close();
        stream = null;
      }
      context().stop(self());
    }
  }
}
