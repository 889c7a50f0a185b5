package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import io.stateside.javasupport.test.AuditRecord;
import io.stateside.javasupport.test.ChangeRequest;
import io.stateside.javasupport.test.Operation;
import io.stateside.javasupport.test.View;
import io.stateside.javasupport.test.WatchRequest;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Reply;
import io.stateside.protocol.crdt.CrdtClock;
import io.stateside.protocol.crdt.CrdtDelete;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.CrdtReply;
import io.stateside.protocol.crdt.CrdtStateAction;
import io.stateside.protocol.crdt.CrdtStreamCancelledResponse;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.protocol.crdt.CrdtStreamedMessage;
import io.stateside.protocol.crdt.CrdtWriteConsistency;
import io.stateside.protocol.crdt.FlagDelta;
import io.stateside.protocol.crdt.GCounterDelta;
import io.stateside.protocol.crdt.GSetDelta;
import io.stateside.protocol.crdt.LWWRegisterDelta;
import io.stateside.protocol.crdt.ORMapDelta;
import io.stateside.protocol.crdt.ORMapEntryDelta;
import io.stateside.protocol.crdt.ORSetDelta;
import io.stateside.protocol.crdt.PNCounterDelta;
import io.stateside.protocol.crdt.VoteDelta;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CRDT entities as the proxy sees them on the wire: each type's delta, streamed calls, deletes and errors. */
class CrdtEntityStreamTest {

  private static final String SERVICE = ReplicatedEntity.SERVICE.getFullName();
  private static LoopbackUserFunction userFunction;

  @BeforeAll
  static void start() throws Exception {
    userFunction = LoopbackUserFunction.start();
  }

  @AfterAll
  static void stop() throws Exception {
    userFunction.close();
  }

  // --- building the messages of the test ---

  private static CrdtStreamProbe entity(String id) {
    return userFunction.openCrdtStream().init(SERVICE, id);
  }

  private static Operation op(String op, String arg, long amount) {
    return Operation.newBuilder().setOp(op).setArg(arg).setAmount(amount).build();
  }

  private static Operation op(String op, String arg) {
    return op(op, arg, 0);
  }

  private static Operation op(String op, long amount) {
    return op(op, "", amount);
  }

  private static ChangeRequest change(Operation... operations) {
    return ChangeRequest.newBuilder().addAllOperations(List.of(operations)).build();
  }

  /** Sends a Change command and returns its only answer, checked to be the reply to it. */
  private static CrdtReply change(CrdtStreamProbe stream, long id, ChangeRequest request) {
    stream.command(id, "Change", request, false);
    return replyTo(stream, id);
  }

  private static CrdtReply replyTo(CrdtStreamProbe stream, long id) {
    CrdtStreamOut next = stream.next();
    assertTrue(next.hasReply(), () -> "Expected a reply, got " + next);
    assertEquals(id, next.getReply().getCommandId());
    return next.getReply();
  }

  private static Any string(String value) {
    return Any.newBuilder().setTypeUrl("p.cloudstate.io/string")
        .setValue(StringValue.of(value).toByteString()).build();
  }

  private static ClientAction view(String text) {
    return ClientAction.newBuilder()
        .setReply(Reply.newBuilder().setPayload(MessageType.pack(View.newBuilder().setText(text).build())))
        .build();
  }

  private static CrdtStateAction update(CrdtDelta delta) {
    return update(delta, CrdtWriteConsistency.LOCAL);
  }

  private static CrdtStateAction update(CrdtDelta delta, CrdtWriteConsistency consistency) {
    return CrdtStateAction.newBuilder().setUpdate(delta).setWriteConsistency(consistency).build();
  }

  private static CrdtDelta gcounter(long increment) {
    return CrdtDelta.newBuilder().setGcounter(GCounterDelta.newBuilder().setIncrement(increment)).build();
  }

  private static CrdtDelta orset(boolean cleared, List<Any> removed, List<Any> added) {
    return CrdtDelta.newBuilder()
        .setOrset(ORSetDelta.newBuilder().setCleared(cleared).addAllRemoved(removed).addAllAdded(added)).build();
  }

  private static CrdtDelta register(String value, CrdtClock clock, long customClockValue) {
    return CrdtDelta.newBuilder().setLwwregister(LWWRegisterDelta.newBuilder()
        .setValue(string(value)).setClock(clock).setCustomClockValue(customClockValue)).build();
  }

  private static ORMapEntryDelta entry(String key, CrdtDelta delta) {
    return ORMapEntryDelta.newBuilder().setKey(string(key)).setDelta(delta).build();
  }

  private static CrdtStreamOut streamed(long id, String text) {
    return CrdtStreamOut.newBuilder()
        .setStreamedMessage(CrdtStreamedMessage.newBuilder().setCommandId(id).setClientAction(view(text))).build();
  }

  private static void assertFailure(CrdtReply reply, String description) {
    assertEquals(ClientAction.newBuilder().setFailure(io.stateside.protocol.Failure.newBuilder()
        .setCommandId(reply.getCommandId()).setDescription(description)).build(), reply.getClientAction());
    assertFalse(reply.hasStateAction());
    assertEquals(0, reply.getSideEffectsCount());
  }

  // --- each type's delta ---

  @Test
  void aGCounterSendsItsIncrementsAndAppliesTheProxys() {
    CrdtStreamProbe stream = entity("gcounter-1");

    CrdtReply created = change(stream, 1, change());
    assertEquals(view("GCounter(0)"), created.getClientAction());
    assertFalse(created.hasStateAction(), "a new counter has no change to send");

    CrdtReply incremented = change(stream, 2, change(op("inc", 5), op("inc", 2)));
    assertEquals(view("GCounter(7)"), incremented.getClientAction());
    assertEquals(update(gcounter(7)), incremented.getStateAction());

    stream.delta(gcounter(3));
    CrdtReply read = change(stream, 3, change());
    assertEquals(view("GCounter(10)"), read.getClientAction());
    assertFalse(read.hasStateAction(), "the proxy's delta is not sent back");
    stream.close();
  }

  @Test
  void aPNCounterSendsTheNetChangeWithTheChosenWriteConsistency() {
    CrdtStreamProbe stream = entity("pncounter-1");

    CrdtReply reply = change(stream, 1, change(op("inc", -3), op("inc", 1)).toBuilder().setConsistency("MAJORITY").build());

    assertEquals(view("PNCounter(-2)"), reply.getClientAction());
    assertEquals(update(CrdtDelta.newBuilder().setPncounter(PNCounterDelta.newBuilder().setChange(-2)).build(),
        CrdtWriteConsistency.MAJORITY), reply.getStateAction());
    stream.close();
  }

  @Test
  void aGSetSendsTheElementsAddedAsCloudstateStringPrimitives() {
    CrdtStreamProbe stream = entity("gset-1");

    CrdtReply reply = change(stream, 1, change(op("add", "a"), op("add", "b"), op("add", "a")));
    assertEquals(update(CrdtDelta.newBuilder()
        .setGset(GSetDelta.newBuilder().addAdded(string("a")).addAdded(string("b"))).build()), reply.getStateAction());

    stream.delta(CrdtDelta.newBuilder().setGset(GSetDelta.newBuilder().addAdded(string("c"))).build());
    assertEquals(view("GSet[a, b, c]"), change(stream, 2, change(op("add", "b"))).getClientAction());
    stream.close();
  }

  @Test
  void anORSetSendsAddsRemovalsAndClears() {
    CrdtStreamProbe stream = entity("orset-1");

    assertEquals(update(orset(false, List.of(), List.of(string("a"), string("b"), string("c")))),
        change(stream, 1, change(op("add", "a"), op("add", "b"), op("add", "c"))).getStateAction());
    assertEquals(update(orset(false, List.of(string("b")), List.of())),
        change(stream, 2, change(op("remove", "b"), op("remove", "x"))).getStateAction());
    // Adding back what the same command removed sends nothing for it.
    assertEquals(update(orset(false, List.of(), List.of(string("b")))),
        change(stream, 3, change(op("remove", "c"), op("add", "b"), op("add", "c"))).getStateAction());

    stream.delta(orset(false, List.of(string("a")), List.of(string("z"))));
    assertEquals(view("ORSet[b, c, z]"), change(stream, 4, change()).getClientAction());

    assertEquals(update(orset(true, List.of(), List.of(string("x")))),
        change(stream, 5, change(op("add", "y"), op("clear", ""), op("add", "x"))).getStateAction());
    assertEquals(update(orset(true, List.of(), List.of())),
        change(stream, 6, change(op("remove", "x"))).getStateAction(), "removing the last element clears the set");
    stream.close();
  }

  @Test
  void anORSetOfMessagesReadsTheProxysElementsAsTheRegisteredClass() {
    CrdtStreamProbe stream = entity("records-1");
    Any alice = MessageType.pack(AuditRecord.newBuilder().setAccountId("alice").build());
    Any bob = MessageType.pack(AuditRecord.newBuilder().setAccountId("bob").build());

    assertEquals(update(orset(false, List.of(), List.of(alice))),
        change(stream, 1, change(op("record-add", "alice"))).getStateAction());
    stream.delta(orset(false, List.of(), List.of(bob)));

    // Only an element equal to the one the command builds can be removed.
    assertEquals(update(orset(false, List.of(bob), List.of())),
        change(stream, 2, change(op("record-remove", "bob"))).getStateAction());
    stream.close();
  }

  @Test
  void anLWWRegisterSendsItsInitialValueAndEachWriteWithItsClock() {
    CrdtStreamProbe stream = entity("register-1");

    assertEquals(update(register("", CrdtClock.DEFAULT, 0)), change(stream, 1, change()).getStateAction());
    assertEquals(update(register("one", CrdtClock.DEFAULT, 0)),
        change(stream, 2, change(op("set", "one"))).getStateAction());
    assertFalse(change(stream, 3, change(op("set", "one"))).hasStateAction(), "the same value and clock is no change");
    assertEquals(update(register("one", CrdtClock.REVERSE, 0)),
        change(stream, 4, change(op("set-reverse", "one"))).getStateAction());
    assertEquals(update(register("two", CrdtClock.CUSTOM, 42)),
        change(stream, 5, change(op("set-custom", "two", 42))).getStateAction());
    assertEquals(update(register("three", CrdtClock.CUSTOM_AUTO_INCREMENT, 7)),
        change(stream, 6, change(op("set-auto", "three", 7))).getStateAction());

    stream.delta(register("remote", CrdtClock.DEFAULT, 0));
    assertEquals(view("LWWRegister(remote)"), change(stream, 7, change()).getClientAction());
    stream.close();
  }

  @Test
  void aFlagSendsOnlyTheChangeToEnabled() {
    CrdtStreamProbe stream = entity("flag-1");
    CrdtDelta enabled = CrdtDelta.newBuilder().setFlag(FlagDelta.newBuilder().setValue(true)).build();

    assertFalse(change(stream, 1, change()).hasStateAction());
    assertEquals(update(enabled), change(stream, 2, change(op("enable", ""))).getStateAction());
    assertFalse(change(stream, 3, change(op("enable", ""))).hasStateAction());
    stream.close();
  }

  @Test
  void anORMapSendsNewEntriesWholeAndChangedEntriesAsTheirOwnDelta() {
    CrdtStreamProbe stream = entity("map-1");

    assertEquals(update(CrdtDelta.newBuilder().setOrmap(ORMapDelta.newBuilder()
            .addAdded(entry("a", gcounter(2)))
            .addAdded(entry("r", register("x0", CrdtClock.DEFAULT, 0)))).build()),
        change(stream, 1, change(op("map-inc", "a", 2), op("map-set", "r", 0))).getStateAction());
    assertEquals(update(CrdtDelta.newBuilder().setOrmap(ORMapDelta.newBuilder()
            .addUpdated(entry("a", gcounter(3)))).build()),
        change(stream, 2, change(op("map-inc", "a", 3))).getStateAction());

    stream.delta(CrdtDelta.newBuilder().setOrmap(ORMapDelta.newBuilder()
        .addUpdated(entry("a", gcounter(10)))
        .addAdded(entry("b", gcounter(7)))).build());
    assertEquals(view("ORMap{a=GCounter(15), r=LWWRegister(x0), b=GCounter(7)}"),
        change(stream, 3, change()).getClientAction());

    assertEquals(update(CrdtDelta.newBuilder().setOrmap(ORMapDelta.newBuilder()
            .addRemoved(string("r"))).build()),
        change(stream, 4, change(op("remove", "r"))).getStateAction());
    assertEquals(update(CrdtDelta.newBuilder().setOrmap(ORMapDelta.newBuilder()
            .setCleared(true).addAdded(entry("c", gcounter(1)))).build()),
        change(stream, 5, change(op("clear", ""), op("map-inc", "c", 1))).getStateAction());
    stream.close();
  }

  @Test
  void aVoteSendsTheSelfVoteAndTakesTheCountsFromTheProxy() {
    CrdtStreamProbe stream = entity("vote-1");

    assertEquals(view("Vote(self false, 0 of 1)"), change(stream, 1, change()).getClientAction());
    assertEquals(update(CrdtDelta.newBuilder().setVote(VoteDelta.newBuilder().setSelfVote(true)).build()),
        change(stream, 2, change(op("vote", 1))).getStateAction());
    assertFalse(change(stream, 3, change(op("vote", 0), op("vote", 1))).hasStateAction(),
        "voting back within one command is no change");

    stream.delta(CrdtDelta.newBuilder().setVote(VoteDelta.newBuilder().setSelfVote(true).setVotesFor(2).setTotalVoters(3)).build());
    assertEquals(view("Vote(self true, 2 of 3)"), change(stream, 4, change()).getClientAction());
    stream.close();
  }

  @Test
  void anInitWithADeltaIsTheValueOfTheFirstCommand() {
    CrdtStreamProbe stream = userFunction.openCrdtStream().init(SERVICE, "gcounter-init", gcounter(42));

    CrdtReply reply = change(stream, 1, change(op("inc", 1)));
    assertEquals(view("GCounter(43)"), reply.getClientAction());
    assertEquals(update(gcounter(1)), reply.getStateAction());
    stream.close();
  }

  // --- failures, side effects, forwards and deletes ---

  @Test
  void aFailedCommandRollsBackItsChangesAndTheEntityGoesOn() {
    CrdtStreamProbe stream = entity("pncounter-fail");
    change(stream, 1, change(op("inc", 5)));

    assertFailure(change(stream, 2, change(op("inc", 100), op("fail", "not today"))), "not today");
    assertFailure(change(stream, 3, change(op("inc", 100), op("throw", ""))), "Unexpected error in Change");

    CrdtReply after = change(stream, 4, change(op("inc", 1)));
    assertEquals(view("PNCounter(6)"), after.getClientAction());
    assertEquals(update(CrdtDelta.newBuilder().setPncounter(PNCounterDelta.newBuilder().setChange(1)).build()),
        after.getStateAction());
    stream.close();
  }

  @Test
  void aFailedFirstCommandLeavesTheEntityWithoutACrdt() {
    CrdtStreamProbe stream = entity("register-fail");

    assertFailure(change(stream, 1, change(op("set", "lost"), op("fail", "no"))), "no");
    assertEquals(update(register("", CrdtClock.DEFAULT, 0)), change(stream, 2, change()).getStateAction(),
        "the register is created anew, with its initial value");
    stream.close();
  }

  @Test
  void anUnknownCommandGetsAFailureReply() {
    CrdtStreamProbe stream = entity("gcounter-unknown");
    stream.command(1, "Nope", change(), false);

    assertFailure(replyTo(stream, 1), SERVICE + " has no method Nope");
    assertEquals(view("GCounter(0)"), change(stream, 2, change()).getClientAction());
    stream.close();
  }

  @Test
  void sideEffectsAndForwardsGoWithTheDelta() {
    CrdtStreamProbe stream = entity("gcounter-effects");

    CrdtReply audited = change(stream, 1, change(op("inc", 1)).toBuilder().setAudit(true).build());
    assertEquals(ProtocolReplies.sideEffects(List.of(ReplicatedEntity.audit("gcounter-effects", "changed"))),
        audited.getSideEffectsList());
    assertEquals(update(gcounter(1)), audited.getStateAction());

    CrdtReply forwarded = change(stream, 2, change(op("inc", 2), op("forward", "")));
    assertEquals(SERVICE, forwarded.getClientAction().getForward().getServiceName());
    assertEquals("Change", forwarded.getClientAction().getForward().getCommandName());
    assertEquals(update(gcounter(2)), forwarded.getStateAction());
    stream.close();
  }

  @Test
  void replyMetadataGoesWithTheReply() {
    CrdtStreamProbe stream = entity("gcounter-metadata");

    CrdtReply reply = change(stream, 1, change(op("inc", 1), op("reply-with-header", "counted")));
    assertEquals(Metadata.empty().with("x-crdt", "counted").toProtocol(), reply.getClientAction().getReply().getMetadata());
    assertEquals(update(gcounter(1)), reply.getStateAction());
    assertFalse(change(stream, 2, change()).getClientAction().getReply().hasMetadata(), "none when the reply has none");
    stream.close();
  }

  @Test
  void aDeleteIsSentWithItsWriteConsistencyAndLaterCommandsFail() {
    CrdtStreamProbe stream = entity("flag-delete");
    change(stream, 1, change(op("enable", "")));

    CrdtReply deleted = change(stream, 2, change(op("enable", ""), op("delete", "")).toBuilder().setConsistency("ALL").build());
    assertEquals(CrdtStateAction.newBuilder().setDelete(CrdtDelete.getDefaultInstance())
        .setWriteConsistency(CrdtWriteConsistency.ALL).build(), deleted.getStateAction());

    assertFailure(change(stream, 3, change()), SERVICE + " entity 'flag-delete' was deleted");
    stream.close();
  }

  @Test
  void aDeleteFromTheProxyMakesLaterCommandsFail() {
    CrdtStreamProbe stream = entity("gcounter-deleted").delete();

    assertFailure(change(stream, 1, change(op("inc", 1))), SERVICE + " entity 'gcounter-deleted' was deleted");
    stream.close();
  }

  @Test
  void aDeltaOfAnotherTypeEndsTheStream() {
    CrdtStreamProbe stream = entity("gcounter-mismatch");
    change(stream, 1, change());

    stream.delta(orset(true, List.of(), List.of()));
    CrdtStreamOut failure = stream.next();
    assertTrue(failure.hasFailure(), () -> "Expected a stream failure, got " + failure);
    stream.expectCompleted();
  }

  @Test
  void aCommandBeforeInitEndsTheStream() {
    CrdtStreamProbe stream = userFunction.openCrdtStream().command(1, "Change", change(), false);

    CrdtStreamOut failure = stream.next();
    assertEquals(1, failure.getFailure().getCommandId());
    stream.expectCompleted();
  }

  // --- streamed calls ---

  @Test
  void aStreamedCallGetsTheStateAfterEveryChangeUntilItsEndState() {
    CrdtStreamProbe stream = entity("gcounter-watch");
    stream.command(1, "Watch", WatchRequest.newBuilder().setEndAt("GCounter(10)").build(), true);
    CrdtReply opened = replyTo(stream, 1);
    assertTrue(opened.getStreamed());
    assertEquals(view("GCounter(0)"), opened.getClientAction());

    change(stream, 2, change(op("inc", 3)));
    assertEquals(streamed(1, "GCounter(3)"), stream.next(), "an own update reaches the stream after its reply");

    stream.delta(gcounter(7));
    CrdtStreamOut ended = stream.next();
    assertEquals(CrdtStreamedMessage.newBuilder().setCommandId(1).setClientAction(view("GCounter(10)"))
        .setEndStream(true).build(), ended.getStreamedMessage(), "a delta from the proxy reaches it too, and it ends");

    change(stream, 3, change(op("inc", 1)));
    stream.close(); // nothing more was streamed
  }

  @Test
  void aCancelledCallsCallbackMayChangeTheCrdtAndAddSideEffects() {
    CrdtStreamProbe stream = entity("orset-presence");
    stream.command(1, "Watch", WatchRequest.newBuilder().setSilent(true)
        .addOnCancel(op("remove", "alice")).build(), true);
    CrdtReply opened = replyTo(stream, 1);
    assertTrue(opened.getStreamed());
    assertFalse(opened.hasClientAction(), "a silent call sends no first message");
    change(stream, 2, change(op("add", "alice"), op("add", "bob")));

    stream.cancel(1);
    assertEquals(CrdtStreamCancelledResponse.newBuilder()
            .setCommandId(1)
            .addAllSideEffects(ProtocolReplies.sideEffects(List.of(ReplicatedEntity.audit("orset-presence", "cancelled"))))
            .setStateAction(update(orset(false, List.of(string("alice")), List.of())))
            .build(),
        stream.next().getStreamCancelledResponse());
    assertEquals(view("ORSet[bob]"), change(stream, 3, change()).getClientAction());
    stream.close();
  }

  @Test
  void aCancelledCallWithoutCallbackGetsAnEmptyResponseAndHearsNoMore() {
    CrdtStreamProbe stream = entity("gcounter-cancel");
    stream.command(1, "Watch", WatchRequest.getDefaultInstance(), true);
    replyTo(stream, 1);

    stream.cancel(1);
    assertEquals(CrdtStreamCancelledResponse.newBuilder().setCommandId(1).build(),
        stream.next().getStreamCancelledResponse());
    change(stream, 2, change(op("inc", 1)));
    stream.close();
  }

  @Test
  void aStreamedMethodCalledWithoutStreamingIsAnsweredOnce() {
    CrdtStreamProbe stream = entity("gcounter-once");
    stream.command(1, "Watch", WatchRequest.getDefaultInstance(), false);
    CrdtReply reply = replyTo(stream, 1);
    assertFalse(reply.getStreamed());

    change(stream, 2, change(op("inc", 1)));
    stream.close();
  }

  @Test
  void streamedMessagesCarryTheCallbacksSideEffects() {
    CrdtStreamProbe stream = entity("gset-watch");
    stream.command(1, "Watch", WatchRequest.newBuilder().setAuditEach(true).build(), true);
    replyTo(stream, 1);

    stream.delta(CrdtDelta.newBuilder().setGset(GSetDelta.newBuilder().addAdded(string("a"))).build());
    assertEquals(CrdtStreamedMessage.newBuilder().setCommandId(1).setClientAction(view("GSet[a]"))
            .addAllSideEffects(ProtocolReplies.sideEffects(List.of(ReplicatedEntity.audit("gset-watch", "watched"))))
            .build(),
        stream.next().getStreamedMessage());
    stream.close();
  }

  @Test
  void aFailingChangeCallbackFailsOnlyItsCall() {
    CrdtStreamProbe stream = entity("gcounter-buggy");
    stream.command(1, "Watch", WatchRequest.getDefaultInstance(), true);
    replyTo(stream, 1);
    stream.command(2, "Watch", WatchRequest.newBuilder().setEndAt("GCounter(13)").build(), true);
    replyTo(stream, 2);

    stream.delta(gcounter(13));
    for (long id : new long[] {1, 2}) {
      CrdtStreamedMessage message = stream.next().getStreamedMessage();
      assertEquals(id, message.getCommandId());
      assertEquals("Unexpected error in Watch", message.getClientAction().getFailure().getDescription());
    }
    CrdtReply after = change(stream, 3, change(op("inc", 1)));
    assertEquals(view("GCounter(14)"), after.getClientAction());
    stream.close(); // the failed calls hear no more
  }

  @Test
  void everyOpenCallHearsOfAChangeInTheOrderTheyOpened() {
    CrdtStreamProbe stream = entity("pncounter-many");
    for (long id = 1; id <= 3; id++) {
      stream.command(id, "Watch", WatchRequest.getDefaultInstance(), true);
      assertEquals(Optional.of(true), Optional.of(replyTo(stream, id).getStreamed()));
    }

    change(stream, 4, change(op("inc", -1)));
    for (long id = 1; id <= 3; id++) {
      assertEquals(streamed(id, "PNCounter(-1)"), stream.next());
    }
    stream.close();
  }
}
