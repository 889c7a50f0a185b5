package io.stateside.proxy.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class KeyedSequencerTest {

  /** Tasks that record when they start and finish when the test says so. */
  private final List<String> started = new ArrayList<>();
  private final List<CompletableFuture<Done>> running = new ArrayList<>();

  private Supplier<CompletionStage<Done>> task(String name) {
    return () -> {
      started.add(name);
      CompletableFuture<Done> finish = new CompletableFuture<>();
      running.add(finish);
      return finish;
    };
  }

  private void finish(int startedIndex) {
    running.get(startedIndex).complete(Done.getInstance());
  }

  @Test
  void oneKeysTasksRunOneAfterTheOtherInOrder() {
    KeyedSequencer sequencer = new KeyedSequencer(4, 16);
    List<CompletionStage<Done>> results = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      results.add(sequencer.submit("a", task("a" + i)));
    }

    assertEquals(List.of("a1"), started);
    finish(0);
    assertEquals(List.of("a1", "a2"), started);
    finish(1);
    finish(2);
    assertEquals(List.of("a1", "a2", "a3"), started);
    results.forEach(result -> assertTrue(result.toCompletableFuture().isDone()));
  }

  @Test
  void noMoreThanMaxRunningTasksRunAtOnce() {
    KeyedSequencer sequencer = new KeyedSequencer(2, 16);
    sequencer.submit("a", task("a"));
    sequencer.submit("b", task("b"));
    sequencer.submit("c", task("c"));
    sequencer.submit("d", task("d"));

    assertEquals(List.of("a", "b"), started);
    finish(1);
    assertEquals(List.of("a", "b", "c"), started);
    finish(0);
    assertEquals(List.of("a", "b", "c", "d"), started);
  }

  @Test
  void aLongRunOfOneKeyDoesNotHoldUpTheKeysBehindIt() {
    KeyedSequencer sequencer = new KeyedSequencer(4, 256);
    for (int i = 1; i <= 100; i++) {
      sequencer.submit("hot", task("hot" + i));
    }
    sequencer.submit("x", task("x"));
    sequencer.submit("y", task("y"));

    assertEquals(List.of("hot1", "x", "y"), started);
  }

  @Test
  void aKeysNextTaskQueuesBehindTasksAlreadyWaitingForAPlace() {
    KeyedSequencer sequencer = new KeyedSequencer(1, 16);
    sequencer.submit("a", task("a1"));
    sequencer.submit("a", task("a2"));
    sequencer.submit("b", task("b"));

    finish(0);

    assertEquals(List.of("a1", "b"), started);
    finish(1);
    assertEquals(List.of("a1", "b", "a2"), started);
  }

  @Test
  void aFailedTaskFailsItsKeysLaterTasksWithoutRunningThemAndOtherKeysGoOn() {
    KeyedSequencer sequencer = new KeyedSequencer(1, 16);
    sequencer.submit("a", task("a1"));
    CompletionStage<Done> a2 = sequencer.submit("a", task("a2"));
    CompletionStage<Done> b = sequencer.submit("b", task("b"));

    running.get(0).completeExceptionally(new IllegalStateException("refused"));

    assertTrue(a2.toCompletableFuture().isCompletedExceptionally());
    assertEquals(List.of("a1", "b"), started);
    finish(1);
    assertTrue(b.toCompletableFuture().isDone() && !b.toCompletableFuture().isCompletedExceptionally());
  }

  @Test
  void afterCloseTasksUnderWayFinishButNoneStarts() {
    KeyedSequencer sequencer = new KeyedSequencer(1, 16);
    CompletionStage<Done> a1 = sequencer.submit("a", task("a1"));
    sequencer.submit("a", task("a2"));
    sequencer.submit("b", task("b"));

    sequencer.close();
    finish(0);
    sequencer.submit("c", task("c"));

    assertTrue(a1.toCompletableFuture().isDone());
    assertEquals(List.of("a1"), started);
  }

  @Test
  void aTaskThatThrowsFailsAndGivesItsPlaceBack() {
    KeyedSequencer sequencer = new KeyedSequencer(1, 16);
    CompletionStage<Done> thrown = sequencer.submit("a", () -> {
      throw new IllegalStateException("no stage");
    });
    sequencer.submit("b", task("b"));

    assertTrue(thrown.toCompletableFuture().isCompletedExceptionally());
    assertEquals(List.of("b"), started);
  }
}
