package io.stateside.proxy.eventsourced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.persistence.testkit.javadsl.PersistenceTestKit;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.example.counter.CounterServiceClient;
import io.stateside.example.counter.GetRequest;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.example.counter.Increased;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Failure;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.HotEntityLoad;
import io.stateside.proxy.testing.ProxyFixture;
import io.stateside.proxy.testing.TestkitJournal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Event-sourced entities through a real proxy, a real user function and a real gRPC client. */
class EventSourcedEntityTest {

  private ProxyFixture fixture;
  private CounterUserFunction userFunction;
  private StatesideProxy proxy;
  private CounterServiceClient client;

  private void start(CounterUserFunction.Options options, Config proxyConfig) {
    fixture = ProxyFixture.start(options, proxyConfig);
    userFunction = fixture.userFunction();
    proxy = fixture.proxy();
    client = fixture.client();
  }

  private void start(CounterUserFunction.Options options) {
    start(options, ConfigFactory.empty());
  }

  private void start() {
    start(CounterUserFunction.Options.defaults());
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private long increase(String counter, long by) {
    return client.increase(IncreaseRequest.newBuilder().setCounterId(counter).setBy(by).build())
        .toCompletableFuture().join().getValue();
  }

  private long get(String counter) {
    return client.get(GetRequest.newBuilder().setCounterId(counter).build()).toCompletableFuture().join().getValue();
  }

  private Status.Code failureOf(Runnable call) {
    CompletionException e = assertThrows(CompletionException.class, call::run);
    assertTrue(e.getCause() instanceof StatusRuntimeException, "expected a gRPC status, got " + e.getCause());
    return ((StatusRuntimeException) e.getCause()).getStatus().getCode();
  }

  @Test
  void sixtyFourConcurrentCallersOnOneEntityGetExactStateAndOrderedReplies() {
    start();
    HotEntityLoad load = HotEntityLoad.start(client, "shared", 64, 25).awaitFinished();
    load.assertExact(get("shared"));
    assertEquals(64 * 25, load.acknowledged());
    assertEquals(1, userFunction.streamsOpened("shared"), "one stream for the one active entity");
  }

  @Test
  void passivatedEntityIsRebuiltFromTheJournal() {
    start(CounterUserFunction.Options.defaults().withPassivationTimeout(Duration.ofMillis(500)));
    increase("p", 3);
    increase("p", 4);
    Await.until("the idle entity is passivated", () -> userFunction.streamsClosed("p") == 1);

    assertEquals(7, get("p"));
    List<EventSourcedStreamIn> replay = userFunction.receivedOnLastStream("p");
    assertTrue(replay.get(0).hasInit() && !replay.get(0).getInit().hasSnapshot());
    assertEquals(List.of(1L, 2L), replay.stream().filter(EventSourcedStreamIn::hasEvent)
        .map(m -> m.getEvent().getSequence()).toList());
    assertEquals(2, userFunction.streamsOpened("p"));
  }

  @Test
  void withSnapshotsOnlyLaterEventsAreReplayed() throws Exception {
    start(CounterUserFunction.Options.defaults().withSnapshotEvery(5).withPassivationTimeout(Duration.ofMillis(500)));
    for (int i = 1; i <= 7; i++) {
      increase("s", i);
    }
    Await.until("the idle entity is passivated", () -> userFunction.streamsClosed("s") == 1);

    assertEquals(28, get("s"));
    List<EventSourcedStreamIn> replay = userFunction.receivedOnLastStream("s");
    assertEquals(5, replay.get(0).getInit().getSnapshot().getSnapshotSequence());
    List<EventSourcedStreamIn> events = replay.stream().filter(EventSourcedStreamIn::hasEvent).toList();
    assertEquals(List.of(6L, 7L), events.stream().map(m -> m.getEvent().getSequence()).toList());
    assertEquals(6, events.get(0).getEvent().getPayload().unpack(Increased.class).getBy());
  }

  @Test
  void failedJournalWriteFailsTheCallLosesNothingAndTheEntityContinues() {
    start(CounterUserFunction.Options.defaults(), TestkitJournal.config());
    assertEquals(5, increase("j", 5));
    PersistenceTestKit.create(proxy.system()).failNextPersisted();

    assertEquals(Status.Code.UNAVAILABLE, failureOf(() -> increase("j", 100)));

    assertEquals(5, get("j"), "the acknowledged event is kept and the failed one is not applied");
    assertEquals(6, increase("j", 1));
    assertEquals(2, userFunction.streamsOpened("j"), "the entity restarted from the journal");
  }

  @Test
  void brokenUserFunctionStreamFailsOnlyThatEntity() {
    start();
    increase("broken", 1);
    increase("healthy", 1);
    userFunction.behave(context -> {
      if (context.entityId().equals("broken") && context.command().getName().equals("Increase")) {
        throw new IllegalStateException("user function crashed");
      }
      return Optional.empty();
    });

    assertEquals(Status.Code.UNAVAILABLE, failureOf(() -> increase("broken", 10)));
    assertEquals(2, increase("healthy", 1));

    userFunction.behave(context -> Optional.empty());
    assertEquals(2, increase("broken", 1));
  }

  @Test
  void callersQueuedBehindABrokenStreamAllGetAnAnswer() {
    start();
    increase("queued", 1);
    java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
    userFunction.behave(context -> {
      if (context.entityId().equals("queued") && broken.compareAndSet(false, true)) {
        throw new IllegalStateException("user function crashed");
      }
      return Optional.empty();
    });
    List<CompletableFuture<Status.Code>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(client.increase(IncreaseRequest.newBuilder().setCounterId("queued").setBy(1).build())
          .toCompletableFuture()
          .handle((value, error) -> error == null ? Status.Code.OK
              : ((StatusRuntimeException) (error instanceof CompletionException ? error.getCause() : error))
                  .getStatus().getCode()));
    }
    List<Status.Code> outcomes = calls.stream().map(CompletableFuture::join).toList();

    assertTrue(outcomes.stream().allMatch(code -> code == Status.Code.OK || code == Status.Code.UNAVAILABLE),
        "every caller is answered, none waits for its deadline: " + outcomes);
    assertTrue(outcomes.contains(Status.Code.UNAVAILABLE));
    long acknowledged = outcomes.stream().filter(code -> code == Status.Code.OK).count();
    assertEquals(1 + acknowledged, get("queued"), "exactly the acknowledged increases are kept");
  }

  @Test
  void answerToTheWrongCommandFailsTheCallAndTheEntityRecovers() {
    start();
    increase("w", 1);
    userFunction.behave(context -> Optional.of(EventSourcedStreamOut.newBuilder()
        .setReply(EventSourcedReply.newBuilder().setCommandId(context.id() + 1000)).build()));

    assertEquals(Status.Code.UNAVAILABLE, failureOf(() -> increase("w", 1)));

    userFunction.behave(context -> Optional.empty());
    assertEquals(2, increase("w", 1));
  }

  @Test
  void streamLevelFailureBecomesUnknownWithItsDescriptionAndRestartsTheEntity() {
    start();
    increase("f", 1);
    userFunction.behave(context -> Optional.of(EventSourcedStreamOut.newBuilder()
        .setFailure(Failure.newBuilder().setCommandId(context.id()).setDescription("not allowed")).build()));

    CompletionException e = assertThrows(CompletionException.class, () -> increase("f", 1));
    Status status = ((StatusRuntimeException) e.getCause()).getStatus();
    assertEquals(Status.Code.UNKNOWN, status.getCode());
    assertEquals("not allowed", status.getDescription());

    userFunction.behave(context -> Optional.empty());
    assertEquals(2, increase("f", 1));
    assertEquals(2, userFunction.streamsOpened("f"),
        "a stream-level failure ends the incarnation; the next one starts from the journal");
  }

  @Test
  void failureWithRestartDropsTheReplysEventsAndRestartsFromTheJournal() {
    start();
    increase("r", 1);
    userFunction.behave(context -> Optional.of(EventSourcedStreamOut.newBuilder()
        .setReply(EventSourcedReply.newBuilder()
            .setCommandId(context.id())
            .addEvents(CounterUserFunction.pack(Increased.newBuilder().setBy(50).build()))
            .setClientAction(ClientAction.newBuilder().setFailure(
                Failure.newBuilder().setCommandId(context.id()).setDescription("start over").setRestart(true))))
        .build()));

    assertEquals(Status.Code.UNKNOWN, failureOf(() -> increase("r", 1)));

    userFunction.behave(context -> Optional.empty());
    assertEquals(1, get("r"), "events of a restarting failure are not kept");
    assertEquals(2, userFunction.streamsOpened("r"));
  }
}
