package io.stateside.proxy.eventsourced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import akka.testkit.javadsl.TestKit;
import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import com.typesafe.config.ConfigFactory;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Failure;
import io.stateside.protocol.Reply;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.proxy.journaled.JournalReplay;
import io.stateside.proxy.journaled.JournaledEntity;
import io.stateside.proxy.telemetry.ProxyMetrics;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.proxy.eventsourced.ScriptedUserFunction.Step;
import io.stateside.proxy.eventsourced.ScriptedUserFunction.Then;
import io.stateside.proxy.testing.TestkitJournal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The entity actor on its own, with the journal of Akka's persistence testkit and an in-process
 * user function whose every answer the test scripts: the interleavings of stream, user function
 * and journal events that decide whether a caller gets its one answer.
 */
class EntityActorTest {

  private static final String PREFIX = "counter";
  private static final Duration ANSWER = Duration.ofSeconds(10);
  private static ActorSystem system;
  private static PersistenceTestKit journal;
  private static final AtomicInteger entities = new AtomicInteger();

  private ScriptedUserFunction userFunction;
  private CounterScript counter;

  @BeforeAll
  static void startSystem() {
    system = ActorSystem.create("entity-actor-test", TestkitJournal.config()
        .withFallback(ConfigFactory.parseMap(Map.of(
            "akka.actor.provider", "local",
            "akka.actor.serialize-messages", "on",
            "akka.loglevel", "WARNING")))
        .withFallback(ConfigFactory.load()));
    journal = PersistenceTestKit.create(system);
  }

  @AfterAll
  static void stopSystem() {
    TestKit.shutdownActorSystem(system);
  }

  @BeforeEach
  void resetJournal() {
    journal.clearAll();
    journal.resetPolicy();
    counter = new CounterScript();
    userFunction = new ScriptedUserFunction(counter);
  }

  /**
   * A counter user function: "inc" adds its payload and replies with the total, "get" replies
   * with the total; a command named in {@link #overrides} is answered by that instead.
   */
  private static final class CounterScript implements ScriptedUserFunction.Script {
    final Map<Integer, long[]> totals = new ConcurrentHashMap<>();
    final Map<String, Function<EventSourcedStreamIn, CompletionStage<Step>>> overrides = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Step> answer(int stream, EventSourcedStreamIn message) {
      long[] total = totals.computeIfAbsent(stream, s -> new long[1]);
      switch (message.getMessageCase()) {
        case EVENT -> total[0] += number(message.getEvent().getPayload());
        case COMMAND -> {
          Function<EventSourcedStreamIn, CompletionStage<Step>> special = overrides.get(message.getCommand().getName());
          if (special != null) {
            return special.apply(message);
          }
          long id = message.getCommand().getId();
          if (message.getCommand().getName().equals("inc")) {
            long by = number(message.getCommand().getPayload());
            total[0] += by;
            return ScriptedUserFunction.now(Step.send(reply(id, total[0], Optional.of(by))));
          }
          return ScriptedUserFunction.now(Step.send(reply(id, total[0], Optional.empty())));
        }
        default -> {}
      }
      return ScriptedUserFunction.now(Step.nothing());
    }
  }

  private static long number(Any any) {
    try {
      return any.unpack(Int64Value.class).getValue();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static EventSourcedStreamOut reply(long commandId, long total, Optional<Long> event) {
    EventSourcedReply.Builder reply = EventSourcedReply.newBuilder()
        .setCommandId(commandId)
        .setClientAction(ClientAction.newBuilder().setReply(Reply.newBuilder().setPayload(Any.pack(Int64Value.of(total)))));
    event.ifPresent(by -> reply.addEvents(Any.pack(Int64Value.of(by))));
    return EventSourcedStreamOut.newBuilder().setReply(reply).build();
  }

  private static EventSourcedStreamOut failure(long commandId, String description) {
    return EventSourcedStreamOut.newBuilder()
        .setFailure(Failure.newBuilder().setCommandId(commandId).setDescription(description)).build();
  }

  private ActorRef entity(int depth) {
    return entity(depth, Duration.ofSeconds(30));
  }

  private ActorRef entity(int depth, Duration userFunctionTimeout) {
    EventSourcedProtocol protocol = new EventSourcedProtocol(
        userFunction, new JournalReplay(system, "akka.persistence.testkit.query"), "test.Counter");
    JournaledEntity.Settings settings = new JournaledEntity.Settings("test.Counter", PREFIX, protocol, depth, userFunctionTimeout, 0, false,
        ProxyMetrics.unregistered().entities("event_sourced", "test.Counter"));
    return system.actorOf(JournaledEntity.props(settings), "e" + entities.incrementAndGet());
  }

  private static EntityCommand command(String name, long by) {
    return EntityCommand.newBuilder().setEntityId("ignored").setName(name)
        .setPayload(Any.pack(Int64Value.of(by))).setRemainingNanos(Duration.ofSeconds(60).toNanos()).build();
  }

  private static TestKit caller() {
    return new TestKit(system);
  }

  private static TestKit send(ActorRef entity, EntityCommand command) {
    TestKit caller = caller();
    entity.tell(command, caller.getRef());
    return caller;
  }

  private static EntityReply answerOf(TestKit caller) {
    EntityReply reply = caller.expectMsgClass(ANSWER, EntityReply.class);
    caller.expectNoMessage(Duration.ofMillis(1));
    return reply;
  }

  private static long total(EntityReply reply) {
    assertTrue(reply.hasAction() && reply.getAction().hasReply(), "a reply, not " + reply);
    return number(reply.getAction().getReply().getPayload());
  }

  private long commandsReceived(int stream, String name) {
    return userFunction.received(stream).stream()
        .filter(m -> m.hasCommand() && m.getCommand().getName().equals(name)).count();
  }

  @Test
  void aStreamLevelFailureFollowedByTheEndOfTheStreamStillAnswersTheCommandRightBehindIt() {
    counter.overrides.put("fail", message -> ScriptedUserFunction.now(
        new Step(List.of(failure(message.getCommand().getId(), "handler threw")), Then.END_STREAM)));
    for (int round = 0; round < 200; round++) {
      ActorRef entity = entity(64);
      TestKit first = send(entity, command("inc", 1));
      TestKit failing = send(entity, command("fail", 0));
      TestKit behind = send(entity, command("inc", 2));

      assertEquals(1, total(answerOf(first)));
      EntityReply failed = answerOf(failing);
      assertEquals("handler threw", failed.getAction().getFailure().getDescription(), "round " + round);
      assertEquals(3, total(answerOf(behind)), "round " + round + ": served by the next incarnation, from the journal");
      system.stop(entity);
    }
  }

  @Test
  void commandsQueuedWhenTheStreamEndsAreServedByTheNextIncarnation() {
    counter.overrides.put("vanish", message -> ScriptedUserFunction.now(new Step(List.of(), Then.END_STREAM)));
    ActorRef entity = entity(1);
    assertEquals(5, total(answerOf(send(entity, command("inc", 5)))));
    TestKit vanishing = send(entity, command("vanish", 0));
    TestKit second = send(entity, command("inc", 1));
    TestKit third = send(entity, command("inc", 1));

    assertEquals("the user function closed the entity's stream", answerOf(vanishing).getUnavailable().getDescription());
    assertEquals(6, total(answerOf(second)));
    assertEquals(7, total(answerOf(third)));
    assertEquals(2, userFunction.streamsOpened());
    assertEquals(0, commandsReceived(1, "inc") - 1, "the queued commands never reached the first stream");
  }

  @Test
  void aBrokenStreamFailsTheCommandsItWasSentAndTheEntityRecovers() {
    counter.overrides.put("crash", message -> ScriptedUserFunction.now(new Step(List.of(), Then.BREAK_STREAM)));
    ActorRef entity = entity(8);
    assertEquals(1, total(answerOf(send(entity, command("inc", 1)))));
    EntityReply crashed = answerOf(send(entity, command("crash", 0)));
    assertTrue(crashed.getUnavailable().getDescription().startsWith("the user function's stream failed"), crashed.toString());
    assertEquals(2, total(answerOf(send(entity, command("inc", 1)))));
  }

  @Test
  void aJournalFailureWithThreeRepliesPendingAnswersAllThreeAndLosesNothingDurable() {
    ActorRef entity = entity(8);
    assertEquals(10, total(answerOf(send(entity, command("inc", 10)))));
    // The user function holds its answers until it has all three commands, so all three are
    // under way when the first one's write fails.
    CompletableFuture<Void> allThreeSent = new CompletableFuture<>();
    AtomicInteger seen = new AtomicInteger();
    counter.overrides.put("held", message -> {
      if (seen.incrementAndGet() == 3) {
        allThreeSent.complete(null);
      }
      long id = message.getCommand().getId();
      return allThreeSent.thenApply(done -> Step.send(reply(id, 99, Optional.of(1L))));
    });
    journal.failNextPersisted();
    List<TestKit> pending = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pending.add(send(entity, command("held", 1)));
    }
    for (TestKit caller : pending) {
      EntityReply answer = answerOf(caller);
      assertTrue(answer.hasUnavailable(), answer.toString());
    }
    assertEquals(10, total(answerOf(send(entity, command("get", 0)))), "the next incarnation has the durable state only");
    assertEquals(2, userFunction.streamsOpened());
  }

  @Test
  void pipelinedCommandsBehindARestartRequestAreServedByTheNextIncarnation() {
    CompletableFuture<Step> gate = new CompletableFuture<>();
    counter.overrides.put("restart", message -> gate.thenApply(open -> Step.send(EventSourcedStreamOut.newBuilder()
        .setReply(EventSourcedReply.newBuilder()
            .setCommandId(message.getCommand().getId())
            .addEvents(Any.pack(Int64Value.of(100)))
            .setClientAction(ClientAction.newBuilder()
                .setFailure(Failure.newBuilder().setDescription("start over").setRestart(true))))
        .build())));
    ActorRef entity = entity(8);
    TestKit first = send(entity, command("inc", 1));
    TestKit restarting = send(entity, command("restart", 0));
    TestKit third = send(entity, command("inc", 1));
    TestKit fourth = send(entity, command("inc", 1));
    gate.complete(Step.nothing());

    assertEquals(1, total(answerOf(first)));
    assertEquals("start over", answerOf(restarting).getAction().getFailure().getDescription());
    assertEquals(2, total(answerOf(third)), "the restart's event is dropped");
    assertEquals(3, total(answerOf(fourth)));
    assertEquals(2, userFunction.streamsOpened());
  }

  @Test
  void aCommandWhoseDeadlinePassesInTheQueueIsNeverSentAndItsCallerIsTold() throws InterruptedException {
    CompletableFuture<Step> gate = new CompletableFuture<>();
    counter.overrides.put("slow", message -> gate.thenApply(open -> Step.send(reply(message.getCommand().getId(), 0, Optional.empty()))));
    ActorRef entity = entity(1);
    TestKit slow = send(entity, command("slow", 0));
    TestKit late = send(entity, command("inc", 1).toBuilder().setRemainingNanos(Duration.ofMillis(50).toNanos()).build());
    Thread.sleep(300); // the late command's caller stops waiting meanwhile
    gate.complete(Step.nothing());

    assertEquals(0, total(answerOf(slow)));
    assertTrue(answerOf(late).hasExpired());
    assertEquals(0, total(answerOf(send(entity, command("get", 0)))));
    assertEquals(0, commandsReceived(1, "inc"), "the user function never saw the expired command");
  }

  @Test
  void aUserFunctionThatStopsAnsweringIsTimedOutAndTheEntityComesBack() {
    counter.overrides.put("hang", message -> new CompletableFuture<>());
    ActorRef entity = entity(4, Duration.ofMillis(300));
    assertEquals(1, total(answerOf(send(entity, command("inc", 1)))));
    EntityReply timedOut = answerOf(send(entity, command("hang", 0)));
    assertTrue(timedOut.getUnavailable().getDescription().contains("did not answer within"), timedOut.toString());
    assertEquals(2, total(answerOf(send(entity, command("inc", 1)))));
  }

  @Test
  void aJournalLongerThanAnyBufferIsReplayedAtTheUserFunctionsPace() {
    int events = 120_000;
    ActorRef entity = entity(4);
    String persistenceId = PREFIX + "|" + entity.path().name();
    journal.persistForRecovery(persistenceId,
        LongStream.rangeClosed(1, events).mapToObj(i -> (Object) Any.pack(Int64Value.of(1))).toList());

    assertEquals(events, total(answerOf(send(entity, command("get", 0)))));
    assertEquals(events, userFunction.received(1).stream().filter(EventSourcedStreamIn::hasEvent).count());
  }

  @Test
  void aStopFromTheShardWaitsUntilEveryCommandUnderWayIsAnswered() {
    CompletableFuture<Step> gate = new CompletableFuture<>();
    counter.overrides.put("slow", message -> gate.thenApply(open -> Step.send(reply(message.getCommand().getId(), 7, Optional.empty()))));
    ActorRef entity = entity(4);
    TestKit watcher = caller();
    watcher.watch(entity);
    TestKit slow = send(entity, command("slow", 0));
    entity.tell(JournaledEntity.Stop.INSTANCE, ActorRef.noSender());
    TestKit queuedBeforeTheStop = send(entity, command("inc", 1));
    gate.complete(Step.nothing());

    assertEquals(7, total(answerOf(slow)));
    assertEquals(1, total(answerOf(queuedBeforeTheStop)));
    watcher.expectTerminated(ANSWER, entity);
  }

  @Test
  void manyCallersOnOneEntityGetTheExactStateAndTheirAnswersInOrder() {
    ActorRef entity = entity(64);
    int callers = 64;
    int each = 20;
    List<TestKit> probes = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      probes.add(caller());
    }
    for (int i = 0; i < each; i++) {
      for (TestKit probe : probes) {
        entity.tell(command("inc", 1), probe.getRef());
      }
    }
    for (TestKit probe : probes) {
      long previous = 0;
      for (int i = 0; i < each; i++) {
        long total = total(probe.expectMsgClass(ANSWER, EntityReply.class));
        assertTrue(total > previous, "one caller's answers come in the order it sent its commands");
        previous = total;
      }
    }
    assertEquals(callers * each, total(answerOf(send(entity, command("get", 0)))));
    assertEquals(1, userFunction.streamsOpened());
  }
}
