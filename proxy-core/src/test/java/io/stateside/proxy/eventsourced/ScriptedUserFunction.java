package io.stateside.proxy.eventsourced;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.Failure;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process user function for entity actor tests: it stands where the gRPC client to the
 * user function would, and answers each stream's messages in order through a script the test
 * sets. The script sees the messages one after the other; a step can hold its answer back (an
 * incomplete stage) while later messages are taken, end the stream or break it after its
 * messages.
 */
final class ScriptedUserFunction implements EventSourced {

  /** What the user function does after sending a step's messages. */
  enum Then { CONTINUE, END_STREAM, BREAK_STREAM }

  record Step(List<EventSourcedStreamOut> messages, Then then) {
    static Step send(EventSourcedStreamOut... messages) {
      return new Step(List.of(messages), Then.CONTINUE);
    }

    static Step nothing() {
      return new Step(List.of(), Then.CONTINUE);
    }
  }

  /** Answers one message of one stream; {@code stream} counts from 1 per user function. */
  interface Script {
    CompletionStage<Step> answer(int stream, EventSourcedStreamIn message);
  }

  // Markers, recognised by identity; never sent.
  private static final EventSourcedStreamOut END = marker("end");
  private static final EventSourcedStreamOut BREAK = marker("break");

  private static EventSourcedStreamOut marker(String name) {
    return EventSourcedStreamOut.newBuilder().setFailure(Failure.newBuilder().setDescription(name)).build();
  }

  private volatile Script script;
  private final List<List<EventSourcedStreamIn>> streams = new CopyOnWriteArrayList<>();

  ScriptedUserFunction(Script script) {
    this.script = script;
  }

  void follow(Script next) {
    script = next;
  }

  @Override
  public Source<EventSourcedStreamOut, NotUsed> handle(Source<EventSourcedStreamIn, NotUsed> in) {
    List<EventSourcedStreamIn> received = Collections.synchronizedList(new ArrayList<>());
    streams.add(received);
    int stream = streams.size();
    return in
        .mapAsync(16, message -> {
          received.add(message);
          return script.answer(stream, message);
        })
        .mapConcat(step -> {
          List<EventSourcedStreamOut> out = new ArrayList<>(step.messages());
          switch (step.then()) {
            case END_STREAM -> out.add(END);
            case BREAK_STREAM -> out.add(BREAK);
            case CONTINUE -> {}
          }
          return out;
        })
        .takeWhile(message -> message != END)
        .map(message -> {
          if (message == BREAK) {
            throw new IllegalStateException("the scripted user function broke its stream");
          }
          return message;
        });
  }

  int streamsOpened() {
    return streams.size();
  }

  /** What the given stream (counting from 1) has received so far. */
  List<EventSourcedStreamIn> received(int stream) {
    synchronized (streams.get(stream - 1)) {
      return List.copyOf(streams.get(stream - 1));
    }
  }

  static CompletionStage<Step> now(Step step) {
    return CompletableFuture.completedFuture(step);
  }
}
