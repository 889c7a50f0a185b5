package io.stateside.proxy.journaled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.testkit.javadsl.TestKit;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Failure;
import io.stateside.protocol.Reply;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every interleaving of user function answers, journal writes and failures that the entity
 * actor can feed its pipeline, driven by hand: who is answered, when, with what, and what goes
 * to the journal in which write.
 */
class CommandPipelineTest {

  private static ActorSystem system;
  private static List<ActorRef> callers;

  @BeforeAll
  static void startSystem() {
    system = ActorSystem.create("pipeline-test");
    callers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      callers.add(new TestKit(system).getRef());
    }
  }

  @AfterAll
  static void stopSystem() {
    TestKit.shutdownActorSystem(system);
  }

  /** Records what the pipeline asks for. */
  private static final class Recorder implements CommandPipeline.Port {
    final List<Long> sentIds = new ArrayList<>();
    final List<String> sentNames = new ArrayList<>();
    final Map<Long, List<CommandPipeline.Segment>> writes = new LinkedHashMap<>();
    final Map<ActorRef, List<EntityReply>> answers = new HashMap<>();
    final List<ActorRef> answerOrder = new ArrayList<>();

    @Override
    public void send(long commandId, EntityCommand command) {
      sentIds.add(commandId);
      sentNames.add(command.getName());
    }

    @Override
    public void write(long writeNo, List<CommandPipeline.Segment> segments) {
      writes.put(writeNo, segments);
    }

    @Override
    public void answer(ActorRef caller, EntityReply reply) {
      answers.computeIfAbsent(caller, c -> new ArrayList<>()).add(reply);
      answerOrder.add(caller);
    }

    EntityReply onlyAnswer(ActorRef caller) {
      List<EntityReply> all = answers.getOrDefault(caller, List.of());
      assertEquals(1, all.size(), "exactly one answer for the caller, got " + all);
      return all.get(0);
    }

    boolean answered(ActorRef caller) {
      return answers.containsKey(caller);
    }
  }

  private final Recorder port = new Recorder();
  private long now = 1_000_000;

  private CommandPipeline pipeline(int depth) {
    return new CommandPipeline(depth, port);
  }

  private static EntityCommand command(String name) {
    return EntityCommand.newBuilder().setEntityId("e").setName(name).build();
  }

  private static EntityCommand command(String name, long remainingNanos) {
    return command(name).toBuilder().setRemainingNanos(remainingNanos).build();
  }

  private static Any event(String text) {
    return Any.newBuilder().setTypeUrl("type.googleapis.com/test.Event").setValue(ByteString.copyFromUtf8(text)).build();
  }

  private static ClientAction replyWith(String text) {
    return ClientAction.newBuilder().setReply(Reply.newBuilder().setPayload(event(text))).build();
  }

  private static Answer.Reply reply(long commandId, String... events) {
    return answer(commandId, replyWith("r" + commandId), Arrays.stream(events).map(CommandPipelineTest::event).toList());
  }

  private static Answer.Reply answer(long commandId, ClientAction action, List<Any> events) {
    return new Answer.Reply(commandId, action, List.of(), events, Optional.empty());
  }

  private static String replyText(EntityReply reply) {
    return reply.getAction().getReply().getPayload().getValue().toStringUtf8();
  }

  private void accept(CommandPipeline pipeline, int callerIndex, String name) {
    pipeline.accept(command(name), callers.get(callerIndex), now);
  }

  @Test
  void aReplyWaitsForItsOwnWriteAndIsReleasedWhenItIsDurable() {
    CommandPipeline pipeline = pipeline(4);
    pipeline.open(now);
    accept(pipeline, 0, "a");
    assertEquals(List.of(1L), port.sentIds);

    pipeline.onReply(reply(1, "e1"), now);
    assertEquals(1, port.writes.size());
    assertFalse(port.answered(callers.get(0)), "not before its event is durable");

    pipeline.onWritten(1, now);
    assertEquals("r1", replyText(port.onlyAnswer(callers.get(0))));
    assertTrue(pipeline.isIdle());
  }

  @Test
  void repliesArrivingDuringAWriteGoToTheJournalTogetherInTheNextWrite() {
    CommandPipeline pipeline = pipeline(8);
    pipeline.open(now);
    for (int i = 0; i < 4; i++) {
      accept(pipeline, i, "c" + i);
    }
    assertEquals(List.of(1L, 2L, 3L, 4L), port.sentIds, "all four are sent before any is answered");

    pipeline.onReply(reply(1, "e1"), now);
    pipeline.onReply(reply(2, "e2a", "e2b"), now);
    pipeline.onReply(reply(3), now); // no events: it still waits for the earlier ones
    pipeline.onReply(reply(4, "e4"), now);
    assertEquals(List.of(1L), List.copyOf(port.writes.keySet()), "one write under way, the rest gathered");
    assertTrue(port.answers.isEmpty());

    pipeline.onWritten(1, now);
    assertEquals("r1", replyText(port.onlyAnswer(callers.get(0))));
    assertEquals(1, port.answers.size(), "command 2's events are not durable yet, so neither 2 nor 3 go");
    List<CommandPipeline.Segment> second = port.writes.get(2L);
    assertEquals(2, second.size(), "the events of commands 2 and 4, in one write");
    assertEquals(List.of(event("e2a"), event("e2b")), second.get(0).events());
    assertEquals(List.of(event("e4")), second.get(1).events());

    pipeline.onWritten(2, now);
    assertEquals(List.of(callers.get(0), callers.get(1), callers.get(2), callers.get(3)), port.answerOrder,
        "released in command order");
  }

  @Test
  void aWriteThatCompletesBeforeTheNextReplyLetsThatReplyGoAtOnceWhenItHasNoEvents() {
    CommandPipeline pipeline = pipeline(8);
    pipeline.open(now);
    accept(pipeline, 0, "a");
    accept(pipeline, 1, "b");
    pipeline.onReply(reply(1, "e1"), now);
    pipeline.onWritten(1, now);
    pipeline.onReply(reply(2), now);
    assertEquals(List.of(callers.get(0), callers.get(1)), port.answerOrder);
    assertEquals(1, port.writes.size());
  }

  @Test
  void aPlainFailureReplyStillWaitsForTheEarlierWrites() {
    CommandPipeline pipeline = pipeline(8);
    pipeline.open(now);
    accept(pipeline, 0, "a");
    accept(pipeline, 1, "b");
    pipeline.onReply(reply(1, "e1"), now);
    pipeline.onReply(answer(2,
        ClientAction.newBuilder().setFailure(Failure.newBuilder().setCommandId(2).setDescription("no")).build(),
        List.of()), now);
    assertTrue(port.answers.isEmpty());
    pipeline.onWritten(1, now);
    assertEquals("no", port.onlyAnswer(callers.get(1)).getAction().getFailure().getDescription());
  }

  @Test
  void depthBoundsCommandsBetweenSendingAndRelease() {
    CommandPipeline pipeline = pipeline(1);
    pipeline.open(now);
    accept(pipeline, 0, "a");
    accept(pipeline, 1, "b");
    assertEquals(List.of(1L), port.sentIds, "depth 1: one at a time");
    pipeline.onReply(reply(1, "e1"), now);
    assertEquals(List.of(1L), port.sentIds, "answered but not durable still counts");
    pipeline.onWritten(1, now);
    assertEquals(List.of(1L, 2L), port.sentIds);
  }

  @Test
  void aSnapshotTravelsWithItsEvents() {
    CommandPipeline pipeline = pipeline(4);
    pipeline.open(now);
    accept(pipeline, 0, "a");
    Answer.Reply withSnapshot = reply(1, "e1");
    pipeline.onReply(new Answer.Reply(1, withSnapshot.action(), List.of(), withSnapshot.events(), Optional.of(event("s1"))), now);
    assertEquals(event("s1"), port.writes.get(1L).get(0).snapshot().orElseThrow());
  }

  @Test
  void aJournalFailureWithThreeRepliesPendingAnswersThemAllAndKeepsTheQueueForTheNextIncarnation() {
    CommandPipeline pipeline = pipeline(3);
    pipeline.open(now);
    for (int i = 0; i < 5; i++) {
      accept(pipeline, i, "c" + i);
    }
    pipeline.onReply(reply(1, "e1"), now);
    pipeline.onReply(reply(2, "e2"), now);
    pipeline.onReply(reply(3, "e3"), now);

    pipeline.onJournalFailed("the journal write failed");
    for (int i = 0; i < 3; i++) {
      assertEquals("the journal write failed", port.onlyAnswer(callers.get(i)).getUnavailable().getDescription());
    }
    assertFalse(port.answered(callers.get(3)));
    assertTrue(pipeline.hasQueued());
    assertFalse(pipeline.isWriting(), "the gathered events of a failed incarnation are dropped");

    pipeline.open(now);
    assertEquals(List.of(1L, 2L, 3L, 1L, 2L), port.sentIds, "the next incarnation numbers its commands from 1");
    assertEquals(List.of("c0", "c1", "c2", "c3", "c4"), port.sentNames);
    pipeline.onReply(reply(1, "e4"), now);
    pipeline.onReply(reply(2, "e5"), now);
    pipeline.onWritten(2, now);
    assertEquals("r1", replyText(port.onlyAnswer(callers.get(3))));
    pipeline.onWritten(3, now);
    assertEquals("r2", replyText(port.onlyAnswer(callers.get(4))));
  }

  @Test
  void aStreamLevelFailureAnswersItsCommandInTurnAndSendsTheCommandsBehindItToTheNextIncarnation() {
    CommandPipeline pipeline = pipeline(8);
    pipeline.open(now);
    for (int i = 0; i < 4; i++) {
      accept(pipeline, i, "c" + i);
    }
    pipeline.onReply(reply(1, "e1"), now);
    CommandPipeline.Outcome outcome =
        pipeline.onFailure(Failure.newBuilder().setCommandId(2).setDescription("handler threw").build());

    assertInstanceOf(CommandPipeline.Failed.class, outcome);
    assertFalse(pipeline.isOpen());
    assertTrue(port.answers.isEmpty(), "the failure waits for command 1's write like any answer");
    pipeline.onWritten(1, now);
    assertEquals("r1", replyText(port.onlyAnswer(callers.get(0))));
    assertEquals("handler threw", port.onlyAnswer(callers.get(1)).getAction().getFailure().getDescription());
    assertFalse(port.answered(callers.get(2)));

    pipeline.open(now);
    assertEquals(List.of("c0", "c1", "c2", "c3", "c2", "c3"), port.sentNames);
    pipeline.onReply(reply(1), now);
    pipeline.onReply(reply(2), now);
    assertEquals("r1", replyText(port.onlyAnswer(callers.get(2))));
    assertEquals("r2", replyText(port.onlyAnswer(callers.get(3))));
  }

  @Test
  void aRestartRequestDropsTheEventsOfItsReply() {
    CommandPipeline pipeline = pipeline(8);
    pipeline.open(now);
    accept(pipeline, 0, "a");
    pipeline.onReply(answer(1,
        ClientAction.newBuilder().setFailure(Failure.newBuilder().setDescription("again").setRestart(true)).build(),
        List.of(event("e1"))), now);
    assertTrue(port.writes.isEmpty());
    assertEquals("again", port.onlyAnswer(callers.get(0)).getAction().getFailure().getDescription());
  }

  @Test
  void aLostStreamFailsWhatItWasSentAndALaterLossFailsWhatWaitedThroughTheFirst() {
    CommandPipeline pipeline = pipeline(2);
    pipeline.open(now);
    for (int i = 0; i < 4; i++) {
      accept(pipeline, i, "c" + i);
    }
    pipeline.onStreamLost("the user function closed the entity's stream");
    assertEquals("the user function closed the entity's stream", port.onlyAnswer(callers.get(0)).getUnavailable().getDescription());
    assertTrue(port.answered(callers.get(1)));
    assertFalse(port.answered(callers.get(2)), "never sent: waits for the next incarnation");

    pipeline.onStreamLost("the user function's stream failed"); // the next one dies while starting
    assertEquals("the user function's stream failed", port.onlyAnswer(callers.get(2)).getUnavailable().getDescription());
    assertTrue(port.answered(callers.get(3)));
    assertTrue(pipeline.isIdle());
  }

  @Test
  void aCommandWhoseDeadlinePassedInTheQueueIsAnsweredWithoutBeingSent() {
    CommandPipeline pipeline = pipeline(1);
    pipeline.open(now);
    accept(pipeline, 0, "a");
    pipeline.accept(command("late", 1_000), callers.get(1), now);
    pipeline.accept(command("fine", 60_000_000_000L), callers.get(2), now);
    now += 2_000;
    pipeline.onReply(reply(1), now);

    assertTrue(port.onlyAnswer(callers.get(1)).hasExpired());
    assertEquals(List.of("a", "fine"), port.sentNames);
  }

  @Test
  void answersOutOfOrderAreViolations() {
    CommandPipeline pipeline = pipeline(4);
    pipeline.open(now);
    accept(pipeline, 0, "a");
    accept(pipeline, 1, "b");
    assertInstanceOf(CommandPipeline.Violation.class, pipeline.onReply(reply(2), now));
    assertInstanceOf(CommandPipeline.Violation.class, pipeline.onFailure(Failure.newBuilder().setDescription("x").build()));
  }

  @Test
  void aRecoveryFailureAnswersEveryQueuedCaller() {
    CommandPipeline pipeline = pipeline(4);
    accept(pipeline, 0, "a");
    accept(pipeline, 1, "b");
    pipeline.onRecoveryFailed("loading the entity failed");
    assertTrue(port.onlyAnswer(callers.get(0)).hasUnavailable());
    assertTrue(port.onlyAnswer(callers.get(1)).hasUnavailable());
    assertTrue(pipeline.isIdle());
  }

  /**
   * Random interleavings of everything the actor can report, against the invariant: every
   * command gets exactly one answer, successful answers come in command order, and a reply with
   * events goes out only after a write holding them completed.
   */
  @Test
  void everyCommandGetsExactlyOneAnswerWhateverHappensInWhateverOrder() {
    for (long seed = 0; seed < 300; seed++) {
      runRandomScenario(new Random(seed), seed);
    }
  }

  private void runRandomScenario(Random random, long seed) {
    Recorder recorder = new Recorder();
    int depth = 1 + random.nextInt(6);
    CommandPipeline pipeline = new CommandPipeline(depth, recorder);
    int commands = 1 + random.nextInt(40);
    int accepted = 0;
    long writesDone = 0;
    boolean loading = false;
    pipeline.open(now);
    for (int step = 0; step < 2_000 && !(accepted == commands && pipeline.isIdle()); step++) {
      int choice = random.nextInt(100);
      if (accepted < commands && choice < 30) {
        pipeline.accept(command("c" + accepted), callers.get(accepted), now);
        accepted++;
      } else if (pipeline.isOpen() && pipeline.oldestUnanswered().isPresent() && choice < 65) {
        long id = pipeline.oldestUnanswered().get();
        Answer.Reply reply = random.nextInt(3) == 0 ? reply(id) : reply(id, "e" + id);
        pipeline.onReply(reply, now);
      } else if (recorder.writes.size() > writesDone && choice < 85) {
        pipeline.onWritten(++writesDone, now);
      } else if (choice < 88 && pipeline.isOpen() && pipeline.oldestUnanswered().isPresent()) {
        pipeline.onFailure(Failure.newBuilder().setCommandId(pipeline.oldestUnanswered().get()).setDescription("f").build());
      } else if (choice < 91 && pipeline.isOpen()) {
        pipeline.onStreamLost("lost");
      } else if (choice < 93 && recorder.writes.size() > writesDone) {
        pipeline.onJournalFailed("journal");
        writesDone = recorder.writes.size();
      } else if (!pipeline.isOpen() && !pipeline.isWriting()) {
        // The actor starts the next incarnation once the last one's writes are done.
        if (loading && random.nextInt(10) == 0) {
          pipeline.onRecoveryFailed("load");
        } else {
          pipeline.open(now);
        }
        loading = !loading;
      }
    }
    // Let everything finish: the user function answers and the journal completes.
    for (int guard = 0; guard < 10_000 && !pipeline.isIdle(); guard++) {
      if (recorder.writes.size() > writesDone) {
        pipeline.onWritten(++writesDone, now);
      } else if (pipeline.isOpen() && pipeline.oldestUnanswered().isPresent()) {
        pipeline.onReply(reply(pipeline.oldestUnanswered().get(), "e"), now);
      } else if (!pipeline.isOpen()) {
        pipeline.open(now);
      }
    }
    assertTrue(pipeline.isIdle(), "seed " + seed + ": the pipeline drains");
    for (int i = 0; i < accepted; i++) {
      List<EntityReply> got = recorder.answers.getOrDefault(callers.get(i), List.of());
      assertEquals(1, got.size(), "seed " + seed + ": caller " + i + " gets exactly one answer: " + got);
    }
    List<Integer> successfulOrder = recorder.answerOrder.stream()
        .filter(caller -> recorder.answers.get(caller).get(0).hasAction())
        .map(callers::indexOf)
        .toList();
    for (int i = 1; i < successfulOrder.size(); i++) {
      assertTrue(successfulOrder.get(i) > successfulOrder.get(i - 1),
          "seed " + seed + ": answers leave in command order: " + successfulOrder);
    }
  }
}
