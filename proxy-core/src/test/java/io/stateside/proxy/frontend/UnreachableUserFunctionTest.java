package io.stateside.proxy.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.actor.ActorSystem;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyHarness;
import io.stateside.proxy.testing.RawGrpcClient;
import org.junit.jupiter.api.Test;

/** A user function that went away after discovery makes calls UNAVAILABLE, not hang. */
class UnreachableUserFunctionTest {

  @Test
  void callsAreUnavailableWhenTheUserFunctionIsGone() {
    ActorSystem userSide = ProxyHarness.userSideSystem();
    CounterUserFunction userFunction = CounterUserFunction.start(userSide);
    StatesideProxy proxy = ProxyHarness.start(userFunction.port());
    try (RawGrpcClient client = new RawGrpcClient(proxy.httpPort())) {
      userFunction.close();
      userSide.terminate();
      byte[] request = IncreaseRequest.newBuilder().setCounterId("gone").setBy(1).build().toByteArray();

      Status status = assertThrows(StatusRuntimeException.class,
          () -> client.call(CounterUserFunction.SERVICE, "Increase", request, 15_000)).getStatus();

      assertEquals(Status.Code.UNAVAILABLE, status.getCode());
    } finally {
      ProxyHarness.stop(proxy);
    }
  }
}
