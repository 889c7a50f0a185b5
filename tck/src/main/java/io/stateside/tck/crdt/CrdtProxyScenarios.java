package io.stateside.tck.crdt;

import static io.stateside.tck.crdt.CrdtModel.CALL;
import static io.stateside.tck.crdt.CrdtModel.CONFIGURED;
import static io.stateside.tck.crdt.CrdtModel.GCOUNTER;
import static io.stateside.tck.crdt.CrdtModel.GSET;
import static io.stateside.tck.crdt.CrdtModel.ORMAP;
import static io.stateside.tck.crdt.CrdtModel.PNCOUNTER;
import static io.stateside.tck.crdt.CrdtModel.PROCESS;
import static io.stateside.tck.crdt.CrdtModel.PROCESS_STREAMED;
import static io.stateside.tck.crdt.CrdtModel.SERVICE;
import static io.stateside.tck.crdt.CrdtModel.TWO;
import static io.stateside.tck.crdt.CrdtModel.VOTE;
import static io.stateside.tck.crdt.CrdtModel.callTwo;
import static io.stateside.tck.crdt.CrdtModel.deleteCrdt;
import static io.stateside.tck.crdt.CrdtModel.emptyResponse;
import static io.stateside.tck.crdt.CrdtModel.failWith;
import static io.stateside.tck.crdt.CrdtModel.forwardTo;
import static io.stateside.tck.crdt.CrdtModel.request;
import static io.stateside.tck.crdt.CrdtModel.sideEffectTo;
import static io.stateside.tck.crdt.CrdtModel.sideEffects;
import static io.stateside.tck.crdt.CrdtTypeScenarios.updated;
import static io.stateside.tck.crdt.States.entry;
import static io.stateside.tck.crdt.Updates.change;
import static io.stateside.tck.crdt.Updates.enableFlag;
import static io.stateside.tck.crdt.Updates.gsetAdd;
import static io.stateside.tck.crdt.Updates.increment;
import static io.stateside.tck.crdt.Updates.mapUpdate;
import static io.stateside.tck.crdt.Updates.orsetAdd;
import static io.stateside.tck.crdt.Updates.vote;
import static io.stateside.tck.protocol.CrdtMessages.actionFailure;
import static io.stateside.tck.protocol.CrdtMessages.cancelledResponse;
import static io.stateside.tck.protocol.CrdtMessages.forward;
import static io.stateside.tck.protocol.CrdtMessages.reply;
import static io.stateside.tck.protocol.CrdtMessages.streamCancelled;
import static io.stateside.tck.protocol.CrdtMessages.streamEnd;
import static io.stateside.tck.protocol.CrdtMessages.streamed;
import static io.stateside.tck.protocol.CrdtMessages.streamedReply;
import static io.stateside.tck.protocol.CrdtMessages.streamedReplyWithoutAnswer;

import akka.japi.Pair;
import akka.stream.KillSwitches;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.SinkQueueWithCancel;
import io.grpc.Status;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.CrdtWriteConsistency;
import io.stateside.tck.model.crdt.CrdtConfiguredClient;
import io.stateside.tck.model.crdt.CrdtTckModelClient;
import io.stateside.tck.model.crdt.CrdtTwoClient;
import io.stateside.tck.model.crdt.Request;
import io.stateside.tck.model.crdt.Response;
import io.stateside.tck.model.crdt.StreamedRequest;
import io.stateside.tck.model.crdt.UpdateWriteConsistency;
import io.stateside.tck.passivation.Passivation;
import io.stateside.tck.protocol.CrdtDeltas;
import io.stateside.tck.protocol.CrdtEffects;
import io.stateside.tck.scenario.Expect;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.TckContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The proxy's CRDT entities, driven by a client and watched through the interceptor. */
final class CrdtProxyScenarios {

  private CrdtProxyScenarios() {}

  static List<Scenario> all() {
    return List.of(
        Scenario.proxy("state changes", CrdtScenarios.MODEL, CrdtProxyScenarios::stateChanges),
        Scenario.proxy("forwards and side effects", CrdtScenarios.MODEL, CrdtProxyScenarios::forwardsAndSideEffects),
        Scenario.proxy("failures", CrdtScenarios.MODEL, CrdtProxyScenarios::failures),
        Scenario.proxy("rehydration after the stream breaks", CrdtScenarios.MODEL,
            CrdtProxyScenarios::rehydrationAfterBreak),
        Scenario.proxy("a restarted ORMap's init carries its entries", CrdtScenarios.MODEL,
            CrdtProxyScenarios::restartedMap),
        Scenario.proxy("write consistencies", CrdtScenarios.MODEL, CrdtProxyScenarios::writeConsistencies),
        Scenario.proxy("streamed call ended by the user function", CrdtScenarios.MODEL,
            CrdtProxyScenarios::streamEndedByUserFunction),
        Scenario.proxy("streamed responses for connection tracking", CrdtScenarios.MODEL,
            CrdtProxyScenarios::connectionTracking),
        Scenario.proxy("passivation timeout", CrdtScenarios.CONFIGURED_ENTITY, CrdtProxyScenarios::passivationTimeout));
  }

  /** Local changes go to the user function as commands and come back as deltas; a delete ends the stream. */
  private static void stateChanges(TckContext tck) throws Exception {
    String id = tck.newEntityId(PNCOUNTER);
    ExpectedCrdtEntity entity = new ExpectedCrdtEntity(tck, SERVICE, id);
    process(tck, request(id), States.pncounter(0));
    entity.answer(reply(entity.command(PROCESS, request(id)), States.pncounter(0)));

    Request firstChanges = request(id, change(1), change(-2), change(3));
    process(tck, firstChanges, States.pncounter(2));
    entity.answer(reply(entity.command(PROCESS, firstChanges), States.pncounter(2), updated(CrdtDeltas.pncounter(2))));

    Request moreChanges = request(id, change(4), change(-5), change(6));
    process(tck, moreChanges, States.pncounter(7));
    entity.answer(reply(entity.command(PROCESS, moreChanges), States.pncounter(7), updated(CrdtDeltas.pncounter(5))));

    process(tck, request(id, deleteCrdt()), States.pncounter(7));
    entity.answer(reply(entity.command(PROCESS, request(id, deleteCrdt())), States.pncounter(7), CrdtEffects.delete()));
    entity.ended();
  }

  private static void forwardsAndSideEffects(TckContext tck) throws Exception {
    String id = tck.newEntityId(GSET);
    ExpectedCrdtEntity entity = new ExpectedCrdtEntity(tck, SERVICE, id);
    ExpectedCrdtEntity two = new ExpectedCrdtEntity(tck, TWO, id);
    process(tck, request(id, gsetAdd("one")), States.gset("one"));
    entity.answer(reply(entity.command(PROCESS, request(id, gsetAdd("one"))), States.gset("one"),
        updated(CrdtDeltas.gset("one"))));

    process(tck, request(id, forwardTo(id)), emptyResponse());
    entity.answer(forward(entity.command(PROCESS, request(id, forwardTo(id))), TWO, CALL, callTwo(id),
        CrdtEffects.NONE));
    two.answer(reply(two.command(CALL, callTwo(id)), emptyResponse()));

    process(tck, request(id, sideEffectTo(id, false)), States.gset("one"));
    entity.answer(reply(entity.command(PROCESS, request(id, sideEffectTo(id, false))), States.gset("one"),
        sideEffects(false, id)));
    two.answer(reply(two.command(CALL, callTwo(id)), emptyResponse()));

    process(tck, request(id, deleteCrdt()), States.gset("one"));
    entity.answer(reply(entity.command(PROCESS, request(id, deleteCrdt())), States.gset("one"), CrdtEffects.delete()));
    entity.ended();

    Request deleteTwo = request(id, deleteCrdt());
    Expect.equal("the response of " + TWO, emptyResponse(), tck.await(two(tck).call(deleteTwo)));
    two.answer(reply(two.command(CALL, deleteTwo), emptyResponse(), CrdtEffects.delete()));
    two.ended();
  }

  private static void failures(TckContext tck) throws Exception {
    String id = tck.newEntityId(GCOUNTER);
    ExpectedCrdtEntity entity = new ExpectedCrdtEntity(tck, SERVICE, id);
    process(tck, request(id, increment(42)), States.gcounter(42));
    entity.answer(reply(entity.command(PROCESS, request(id, increment(42))), States.gcounter(42),
        updated(CrdtDeltas.gcounter(42))));

    Request failing = request(id, failWith("expected failure"));
    Status status = Expect.grpcError("a failing command", () -> tck.await(model(tck).process(failing)));
    Expect.equal("the error's description", "expected failure", status.getDescription());
    entity.answer(actionFailure(entity.command(PROCESS, failing), "expected failure"));

    process(tck, request(id, deleteCrdt()), States.gcounter(42));
    entity.answer(reply(entity.command(PROCESS, request(id, deleteCrdt())), States.gcounter(42),
        CrdtEffects.delete()));
    entity.ended();
  }

  /**
   * Each update's write consistency reaches the proxy; on a cluster of one node, majority and
   * all are reached by the node itself, so every update succeeds.
   */
  private static void writeConsistencies(TckContext tck) throws Exception {
    String id = tck.newEntityId(GCOUNTER);
    ExpectedCrdtEntity entity = new ExpectedCrdtEntity(tck, SERVICE, id);
    long total = 0;
    for (UpdateWriteConsistency consistency : List.of(UpdateWriteConsistency.LOCAL, UpdateWriteConsistency.MAJORITY,
        UpdateWriteConsistency.ALL)) {
      total += consistency.getNumber() + 1;
      Request update = request(id, increment(consistency.getNumber() + 1, consistency));
      process(tck, update, States.gcounter(total));
      entity.answer(reply(entity.command(PROCESS, update), States.gcounter(total), CrdtEffects.update(
          CrdtDeltas.gcounter(consistency.getNumber() + 1), CrdtWriteConsistency.forNumber(consistency.getNumber()))));
    }
  }

  /** When the user function ends a streamed call, the client's stream completes after that last message. */
  private static void streamEndedByUserFunction(TckContext tck) throws Exception {
    String id = tck.newEntityId(GCOUNTER);
    ExpectedCrdtEntity entity = new ExpectedCrdtEntity(tck, SERVICE, id);
    StreamedRequest watch = StreamedRequest.newBuilder().setId(id).setEndState(States.gcounter(2).getState()).build();
    CompletionStage<List<Response>> watched = model(tck).processStreamed(watch)
        .runWith(Sink.seq(), tck.materializer());
    long watchId = entity.streamedCommand(PROCESS_STREAMED, watch);
    entity.answer(streamedReply(watchId, States.gcounter(0), CrdtEffects.NONE));

    process(tck, request(id, increment(2)), States.gcounter(2));
    entity.answer(reply(entity.command(PROCESS, request(id, increment(2))), States.gcounter(2),
        updated(CrdtDeltas.gcounter(2))));
    entity.answer(streamEnd(watchId, States.gcounter(2), CrdtEffects.NONE));
    Expect.equal("what the streamed call's client received", List.of(States.gcounter(0), States.gcounter(2)),
        tck.await(watched));
  }

  /**
   * The stream breaks just before a reply reaches the proxy: the waiting client gets an error,
   * that reply's delta is not applied, and the next command restarts the entity with an init
   * carrying the state replicated before it.
   */
  private static void rehydrationAfterBreak(TckContext tck) throws Exception {
    String id = tck.newEntityId(GCOUNTER);
    ExpectedCrdtEntity entity = new ExpectedCrdtEntity(tck, SERVICE, id);
    process(tck, request(id, increment(5)), States.gcounter(5));
    entity.answer(reply(entity.command(PROCESS, request(id, increment(5))), States.gcounter(5),
        updated(CrdtDeltas.gcounter(5))));

    entity.breakAtNextAnswer();
    Request lost = request(id, increment(3));
    Expect.grpcError("a call whose reply was lost", () -> tck.await(model(tck).process(lost)));
    entity.answer(reply(entity.command(PROCESS, lost), States.gcounter(8), updated(CrdtDeltas.gcounter(3))));
    entity.ended();

    entity.restartsWith(CrdtDeltas.gcounter(5));
    process(tck, request(id, increment(1)), States.gcounter(6));
    entity.answer(reply(entity.command(PROCESS, request(id, increment(1))), States.gcounter(6),
        updated(CrdtDeltas.gcounter(1))));
  }

  /** The init of a restarted ORMap holds every entry, each value's state as a delta from nothing. */
  private static void restartedMap(TckContext tck) throws Exception {
    String id = tck.newEntityId(ORMAP);
    ExpectedCrdtEntity entity = new ExpectedCrdtEntity(tck, SERVICE, id);
    Request changes = request(id, mapUpdate("PNCounter-1", change(-7)), mapUpdate("ORSet-1", orsetAdd("a")),
        mapUpdate("ORSet-1", orsetAdd("b")), mapUpdate("GSet-1", gsetAdd("x")), mapUpdate("Flag-1", enableFlag()));
    Response state = States.ormap(entry("Flag-1", States.flag(true)), entry("GSet-1", States.gset("x")),
        entry("ORSet-1", States.orset("a", "b")), entry("PNCounter-1", States.pncounter(-7)));
    CrdtDelta entries = CrdtDeltas.ormap(CrdtDeltas.ormap()
        .addAdded(CrdtDeltas.entry("PNCounter-1", CrdtDeltas.pncounter(-7)))
        .addAdded(CrdtDeltas.entry("ORSet-1", CrdtDeltas.orsetAdded("a", "b")))
        .addAdded(CrdtDeltas.entry("GSet-1", CrdtDeltas.gset("x")))
        .addAdded(CrdtDeltas.entry("Flag-1", CrdtDeltas.flag(true))));
    process(tck, changes, state);
    entity.answer(reply(entity.command(PROCESS, changes), state, updated(entries)));

    entity.breakAtNextAnswer();
    Expect.grpcError("a call whose reply was lost", () -> tck.await(model(tck).process(request(id))));
    entity.answer(reply(entity.command(PROCESS, request(id)), state));
    entity.ended();

    entity.restartsWith(entries);
    process(tck, request(id), state);
    entity.answer(reply(entity.command(PROCESS, request(id)), state));
  }

  /**
   * A streamed call that only ever changes the CRDT, as a presence tracker would: its initial
   * update is a vote, its cancellation takes the vote back. A second client, streaming the state,
   * sees both; when each client goes away the proxy tells the user function.
   */
  private static void connectionTracking(TckContext tck) throws Exception {
    String id = tck.newEntityId(VOTE);
    ExpectedCrdtEntity entity = new ExpectedCrdtEntity(tck, SERVICE, id);
    Response alone = States.vote(false, 0, 1);
    Response voted = States.vote(true, 1, 1);

    StreamedRequest watch = StreamedRequest.newBuilder().setId(id).build();
    SinkQueueWithCancel<Response> monitor = model(tck).processStreamed(watch)
        .runWith(Sink.queue(), tck.materializer());
    Expect.equal("the monitor's first state", Optional.of(alone), tck.await(monitor.pull()));
    long monitorId = entity.streamedCommand(PROCESS_STREAMED, watch);
    entity.answer(streamedReply(monitorId, alone, CrdtEffects.NONE));

    StreamedRequest connect = StreamedRequest.newBuilder().setId(id)
        .setInitialUpdate(vote(true).getUpdate())
        .setCancelUpdate(vote(false).getUpdate())
        .setEmpty(true)
        .build();
    Pair<UniqueKillSwitch, CompletionStage<List<Response>>> connection = model(tck).processStreamed(connect)
        .viaMat(KillSwitches.single(), Keep.right())
        .toMat(Sink.seq(), Keep.both())
        .run(tck.materializer());
    Expect.equal("the monitor's state once the connection voted", Optional.of(voted), tck.await(monitor.pull()));
    long connectionId = entity.streamedCommand(PROCESS_STREAMED, connect);
    entity.answer(streamedReplyWithoutAnswer(connectionId, updated(CrdtDeltas.vote(true, 0, 0))));
    entity.answer(streamed(monitorId, voted, CrdtEffects.NONE));

    connection.first().shutdown();
    Expect.equal("what the connection's client received", List.of(), tck.await(connection.second()));
    Expect.equal("the monitor's state once the connection went away", Optional.of(alone), tck.await(monitor.pull()));
    entity.fromProxy(streamCancelled(connectionId, id));
    entity.answer(cancelledResponse(connectionId, updated(CrdtDeltas.vote(false, 0, 0))));
    entity.answer(streamed(monitorId, alone, CrdtEffects.NONE));

    monitor.cancel();
    entity.fromProxy(streamCancelled(monitorId, id));
    entity.answer(cancelledResponse(monitorId, CrdtEffects.NONE));

    process(tck, request(id, deleteCrdt()), alone);
    entity.answer(reply(entity.command(PROCESS, request(id, deleteCrdt())), alone, CrdtEffects.delete()));
    entity.ended();
  }

  /**
   * An entity idle for its passivation timeout (100 ms, from discovery) is stopped: the proxy ends
   * its stream, not before the timeout, and the next command starts it again.
   */
  private static void passivationTimeout(TckContext tck) throws Exception {
    String id = tck.newEntityId("Configured");
    CrdtConfiguredClient client = tck.proxyClient(CrdtConfiguredClient.class, CrdtConfiguredClient::create);
    ExpectedCrdtEntity entity = new ExpectedCrdtEntity(tck, CONFIGURED, id);
    Duration timeout = Duration.ofMillis(CrdtModel.CONFIGURED_PASSIVATION_MILLIS);
    long sent = System.nanoTime();
    Expect.equal("the response", emptyResponse(), tck.await(client.call(request(id))));
    entity.answer(reply(entity.command(CALL, request(id)), emptyResponse()));
    Passivation.expectPassivated(entity.ended(timeout), sent, timeout);

    Expect.equal("the response after passivation", emptyResponse(), tck.await(client.call(request(id))));
    entity.answer(reply(entity.command(CALL, request(id)), emptyResponse()));
  }

  // --- helpers

  private static CrdtTckModelClient model(TckContext tck) {
    return tck.proxyClient(CrdtTckModelClient.class, CrdtTckModelClient::create);
  }

  private static CrdtTwoClient two(TckContext tck) {
    return tck.proxyClient(CrdtTwoClient.class, CrdtTwoClient::create);
  }

  private static void process(TckContext tck, Request request, Response expected) throws Exception {
    Expect.equal("the response to " + request.getActionsList().size() + " action(s)", expected,
        tck.await(model(tck).process(request)));
  }
}
