package io.stateside.tck.interceptor;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.valueentity.ValueEntity;
import io.stateside.protocol.valueentity.ValueEntityClient;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import io.stateside.tck.protocol.ValueEntityMessages;
import java.time.Duration;

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
    RecordedStream<ValueEntityStreamIn, ValueEntityStreamOut> stream = recorder.open();
    Source<ValueEntityStreamIn, NotUsed> toUserFunction = fromProxy
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
