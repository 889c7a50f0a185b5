package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.ProxyInfo;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A proxy that does not serve one of the registered kinds is refused at discovery, saying which. */
class DiscoveryRefusalTest {

  private static LoopbackUserFunction userFunction;

  @BeforeAll
  static void start() throws Exception {
    userFunction = LoopbackUserFunction.start();
  }

  @AfterAll
  static void stop() throws Exception {
    userFunction.close();
  }

  private static EntitySpec discover(ProxyInfo proxy) throws Exception {
    return userFunction.discovery().discover(proxy).toCompletableFuture()
        .get(LoopbackUserFunction.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void aProxyWithoutValueOrCrdtEntitiesOrActionsIsRefusedWithTheServicesItCannotServe() {
    ProxyInfo eventSourcedOnly = ProxyInfo.newBuilder().setProtocolMajorVersion(0).setProtocolMinorVersion(2)
        .setProxyName("old-proxy").setProxyVersion("0.9")
        .addSupportedEntityTypes("cloudstate.eventsourced.EventSourced").build();

    ExecutionException e = assertThrows(ExecutionException.class, () -> discover(eventSourcedOnly));

    StatusRuntimeException status = assertInstanceOf(StatusRuntimeException.class, e.getCause());
    assertEquals(Status.Code.FAILED_PRECONDITION, status.getStatus().getCode());
    assertEquals("The proxy old-proxy 0.9 does not support the entity type of stateside.javasupport.test.StockService "
            + "(cloudstate.valueentity.ValueEntity), stateside.javasupport.test.ReplicatedService (cloudstate.crdt.Crdt), "
            + "cloudstate.tck.model.eventlogeventing.EventLogSubscriberModel (cloudstate.action.ActionProtocol); "
            + "it supports cloudstate.eventsourced.EventSourced",
        status.getStatus().getDescription());
  }

  @Test
  void aProxyThatListsNoTypesGetsTheSpec() throws Exception {
    assertEquals(6, discover(ProxyInfo.newBuilder().setProxyName("silent").build()).getEntitiesCount());
  }
}
