package io.stateside.tck.interceptor;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.crdt.Crdt;
import io.stateside.protocol.crdt.CrdtClient;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.tck.protocol.CrdtMessages;
import java.time.Duration;
import java.util.Optional;

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
    return recorder.relay(fromProxy, message -> message.hasInit()
        ? Optional.of(new StreamKey(message.getInit().getServiceName(), message.getInit().getEntityId()))
        : Optional.empty(), userFunction::handle);
  }
}
