package io.stateside.tck.interceptor;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedClient;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.tck.protocol.EventSourcedMessages;
import java.time.Duration;

/** Forwards each {@code cloudstate.eventsourced.EventSourced} stream to the user function and records it. */
final class EventSourcedInterceptor implements EventSourced {

  private final EventSourcedClient userFunction;
  private final StreamRecorder<EventSourcedStreamIn, EventSourcedStreamOut> recorder;

  EventSourcedInterceptor(EventSourcedClient userFunction, Duration timeout) {
    this.userFunction = userFunction;
    this.recorder = new StreamRecorder<>(EventSourcedMessages::withoutMetadata, timeout);
  }

  StreamRecorder<EventSourcedStreamIn, EventSourcedStreamOut> recorder() {
    return recorder;
  }

  @Override
  public Source<EventSourcedStreamOut, NotUsed> handle(Source<EventSourcedStreamIn, NotUsed> fromProxy) {
    RecordedStream<EventSourcedStreamIn, EventSourcedStreamOut> stream = recorder.open();
    Source<EventSourcedStreamIn, NotUsed> toUserFunction = fromProxy
        .map(message -> {
          if (message.hasInit()) {
            stream.identify(new StreamKey(message.getInit().getServiceName(), message.getInit().getEntityId()));
          }
          stream.recordFromProxy(message);
          return message;
        })
        .watchTermination((notUsed, done) -> {
          done.whenComplete((ok, error) -> stream.proxySideEnded(error));
          return notUsed;
        });
    return userFunction.handle(toUserFunction)
        // Failing here keeps the message from the proxy and ends both directions.
        .map(message -> stream.recordFromUserFunction(message)
            .orElseThrow(() -> new IllegalStateException("the TCK broke this stream on purpose")))
        .watchTermination((notUsed, done) -> {
          done.whenComplete((ok, error) -> stream.userFunctionSideEnded(error));
          return notUsed;
        });
  }
}
