package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Empty;
import com.google.protobuf.ExtensionRegistry;
import io.stateside.example.counter.CounterProto;
import io.stateside.javasupport.test.AccountProto;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityPassivationStrategy;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.ProxyInfo;
import io.stateside.protocol.ServiceInfo;
import io.stateside.protocol.TimeoutPassivationStrategy;
import io.stateside.protocol.UserFunctionError;
import io.stateside.protocol.frontend.EntityKeyProto;
import io.stateside.protocol.frontend.EventsProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the proxy learns at discovery. */
class DiscoveryTest {

  private static LoopbackUserFunction userFunction;
  private static EntitySpec spec;

  @BeforeAll
  static void discover() throws Exception {
    userFunction = LoopbackUserFunction.start();
    spec = userFunction.discovery()
        .discover(ProxyInfo.newBuilder().setProtocolMajorVersion(0).setProtocolMinorVersion(2)
            .setProxyName("discovery-test").addSupportedEntityTypes("cloudstate.eventsourced.EventSourced")
            .addSupportedEntityTypes("cloudstate.valueentity.ValueEntity")
            .addSupportedEntityTypes("cloudstate.crdt.Crdt")
            .addSupportedEntityTypes("cloudstate.action.ActionProtocol").build())
        .toCompletableFuture().get(LoopbackUserFunction.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    userFunction.close();
  }

  @Test
  void serviceInfoDescribesTheUserFunctionAndTheLibrary() {
    assertEquals(ServiceInfo.newBuilder()
            .setServiceName(LoopbackUserFunction.SERVICE_NAME)
            .setServiceVersion(LoopbackUserFunction.SERVICE_VERSION)
            .setServiceRuntime("Java " + System.getProperty("java.version"))
            .setSupportLibraryName("stateside-java-support")
            .setSupportLibraryVersion(System.getProperty("stateside.version"))
            .setProtocolMajorVersion(0)
            .setProtocolMinorVersion(2)
            .build(),
        spec.getServiceInfo());
  }

  @Test
  void everyEntityOfEveryKindIsListedWithItsPersistenceIdAndPassivationTimeout() {
    assertEquals(List.of(
            Entity.newBuilder()
                .setEntityType("cloudstate.eventsourced.EventSourced")
                .setServiceName("stateside.javasupport.test.AccountService")
                .setPersistenceId(AccountEntity.PERSISTENCE_ID)
                .setPassivationStrategy(EntityPassivationStrategy.newBuilder()
                    .setTimeout(TimeoutPassivationStrategy.newBuilder().setTimeout(AccountEntity.PASSIVATION.toMillis())))
                .build(),
            Entity.newBuilder()
                .setEntityType("cloudstate.eventsourced.EventSourced")
                .setServiceName(CounterEntity.SERVICE_NAME)
                .setPersistenceId("counters")
                .build(),
            Entity.newBuilder()
                .setEntityType("cloudstate.valueentity.ValueEntity")
                .setServiceName("stateside.javasupport.test.StockService")
                .setPersistenceId(StockEntity.PERSISTENCE_ID)
                .setPassivationStrategy(EntityPassivationStrategy.newBuilder()
                    .setTimeout(TimeoutPassivationStrategy.newBuilder().setTimeout(StockEntity.PASSIVATION.toMillis())))
                .build(),
            Entity.newBuilder()
                .setEntityType("cloudstate.crdt.Crdt")
                .setServiceName("stateside.javasupport.test.ReplicatedService")
                .setPersistenceId("ReplicatedService")
                .build(),
            Entity.newBuilder()
                .setEntityType("cloudstate.action.ActionProtocol")
                .setServiceName(EventingModel.SUBSCRIBER)
                .build(),
            Entity.newBuilder()
                .setEntityType("cloudstate.eventsourced.EventSourced")
                .setServiceName(EventingModel.NOTES)
                .setPersistenceId("notes")
                .build()),
        spec.getEntitiesList());
  }

  @Test
  void theDescriptorSetHoldsTheServicesAndEveryTransitiveImportInDependencyOrder() throws Exception {
    ExtensionRegistry options = ExtensionRegistry.newInstance();
    EntityKeyProto.registerAllExtensions(options);
    EventsProto.registerAllExtensions(options);
    FileDescriptorSet set = FileDescriptorSet.parseFrom(spec.getProto(), options);

    Map<String, FileDescriptor> built = new HashMap<>();
    for (FileDescriptorProto file : set.getFileList()) {
      FileDescriptor[] imports = file.getDependencyList().stream()
          .map(name -> {
            FileDescriptor dependency = built.get(name);
            assertNotNull(dependency, () -> file.getName() + " comes before its import " + name);
            return dependency;
          })
          .toArray(FileDescriptor[]::new);
      assertEquals(null, built.put(file.getName(), FileDescriptor.buildFrom(file, imports)), "listed twice");
    }

    assertEquals(java.util.Set.of(
            "javasupport/test/account.proto",
            "javasupport/test/audit.proto",
            "javasupport/test/stock.proto",
            "javasupport/test/replicated.proto",
            "google/protobuf/empty.proto",
            "google/protobuf/timestamp.proto",
            "stateside/example/counter.proto",
            "cloudstate/entity_key.proto",
            "google/protobuf/descriptor.proto",
            "cloudstate/tck/model/eventlogeventing.proto",
            "cloudstate/eventing.proto",
            "google/protobuf/any.proto"),
        built.keySet());
    assertEquals(AccountProto.getDescriptor().toProto(), built.get("javasupport/test/account.proto").toProto());
    assertEquals(CounterProto.getDescriptor().toProto(), built.get("stateside/example/counter.proto").toProto());
    assertNotNull(built.get("javasupport/test/account.proto").findServiceByName("AccountService"));
    assertTrue(built.get("stateside/example/counter.proto").findMessageTypeByName("IncreaseRequest")
        .findFieldByName("counter_id").getOptions().getExtension(EntityKeyProto.entityKey));
    assertEquals("eventlogeventing-one", built.get("cloudstate/tck/model/eventlogeventing.proto")
        .findServiceByName("EventLogSubscriberModel").findMethodByName("ProcessEventOne")
        .getOptions().getExtension(EventsProto.eventing).getIn().getEventLog());
  }

  @Test
  void anErrorReportIsAcknowledged() throws Exception {
    Empty answer = userFunction.discovery()
        .reportError(UserFunctionError.newBuilder().setMessage("a test error").build())
        .toCompletableFuture().get(LoopbackUserFunction.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(answer.equals(Empty.getDefaultInstance()));
  }
}
