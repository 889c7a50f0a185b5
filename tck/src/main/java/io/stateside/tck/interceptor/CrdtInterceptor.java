package io.stateside.tck.interceptor;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.crdt.Crdt;
import io.stateside.protocol.crdt.CrdtClient;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.tck.protocol.CrdtMessages;
import java.time.Duration;

/** Forwards each {@code cloudstate.crdt.Crdt} stream to the user function and records it. */
final class CrdtInterceptor implements Crdt {

  private final CrdtClient userFunction;
  private final StreamRecorder<CrdtStreamIn, CrdtStreamOut> recorder;

  CrdtInterceptor(CrdtClient userFunction, Duration timeout) {
    this.userFunction = userFunction;
    this.recorder = new StreamRecorder<>(CrdtMessages::comparable, timeout);
  }

  StreamRecorder<CrdtStreamIn, CrdtStreamOut> recorder() {
    return recorder;
  }

  @Override
  public Source<CrdtStreamOut, NotUsed> handle(Source<CrdtStreamIn, NotUsed> fromProxy) {
    RecordedStream<CrdtStreamIn, CrdtStreamOut> stream = recorder.open();
    Source<CrdtStreamIn, NotUsed> toUserFunction = fromProxy
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
