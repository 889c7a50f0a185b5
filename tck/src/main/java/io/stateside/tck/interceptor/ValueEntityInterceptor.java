package io.stateside.tck.interceptor;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.valueentity.ValueEntity;
import io.stateside.protocol.valueentity.ValueEntityClient;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import io.stateside.tck.protocol.ValueEntityMessages;
import java.time.Duration;
import java.util.Optional;

/** Forwards each {@code cloudstate.valueentity.ValueEntity} stream to the user function and records it. */
final class ValueEntityInterceptor implements ValueEntity {

  private final ValueEntityClient userFunction;
  private final StreamRecorder<ValueEntityStreamIn, ValueEntityStreamOut> recorder;

  ValueEntityInterceptor(ValueEntityClient userFunction, Duration timeout) {
    this.userFunction = userFunction;
    this.recorder = new StreamRecorder<>(ValueEntityMessages::withoutMetadata, timeout);
  }

  StreamRecorder<ValueEntityStreamIn, ValueEntityStreamOut> recorder() {
    return recorder;
  }

  @Override
  public Source<ValueEntityStreamOut, NotUsed> handle(Source<ValueEntityStreamIn, NotUsed> fromProxy) {
    return recorder.relay(fromProxy, message -> message.hasInit()
        ? Optional.of(new StreamKey(message.getInit().getServiceName(), message.getInit().getEntityId()))
        : Optional.empty(), userFunction::handle);
  }
}
