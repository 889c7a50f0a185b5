package io.stateside.tck.interceptor;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedClient;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.tck.protocol.EventSourcedMessages;
import java.time.Duration;
import java.util.Optional;

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
    return recorder.relay(fromProxy, message -> message.hasInit()
        ? Optional.of(new StreamKey(message.getInit().getServiceName(), message.getInit().getEntityId()))
        : Optional.empty(), userFunction::handle);
  }
}
