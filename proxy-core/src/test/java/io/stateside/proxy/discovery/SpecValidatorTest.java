package io.stateside.proxy.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import io.stateside.example.counter.CounterProto;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityPassivationStrategy;
import io.stateside.protocol.EntitySpec;
import io.stateside.protocol.ServiceInfo;
import io.stateside.protocol.TimeoutPassivationStrategy;
import io.stateside.protocol.frontend.EventSource;
import io.stateside.protocol.frontend.Eventing;
import io.stateside.protocol.frontend.EventsProto;
import io.stateside.proxy.entity.EntityKinds;
import io.stateside.proxy.eventsourced.EventSourcedKind;
import io.stateside.proxy.valueentity.ValueEntityKind;
import io.stateside.proxy.entity.UserEntity;
import io.stateside.proxy.testing.CounterUserFunction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  private static final String EVENT_SOURCED = "cloudstate.eventsourced.EventSourced";
  private static final SpecValidator validator = new SpecValidator(
      new EntityKinds(List.of(new EventSourcedKind(), new ValueEntityKind())), Duration.ofSeconds(30), false);

  private static Entity counterEntity() {
    return Entity.newBuilder().setEntityType(EVENT_SOURCED).setServiceName(CounterUserFunction.SERVICE)
        .setPersistenceId("counter").build();
  }

  private static EntitySpec spec(FileDescriptorSet files, ServiceInfo info, Entity... entities) {
    return EntitySpec.newBuilder().setProto(files.toByteString()).addAllEntities(List.of(entities))
        .setServiceInfo(info).build();
  }

  private static FileDescriptorSet counterFiles() {
    return CounterUserFunction.descriptorSet(CounterProto.getDescriptor());
  }

  private static List<String> problems(EntitySpec spec) {
    return assertInstanceOf(SpecValidator.Refused.class, validator.validate(spec)).problems();
  }

  @Test
  void acceptsAValidSpecWithItsPassivationTimeout() {
    Entity entity = counterEntity().toBuilder().setPassivationStrategy(EntityPassivationStrategy.newBuilder()
        .setTimeout(TimeoutPassivationStrategy.newBuilder().setTimeout(1500))).build();
    SpecValidator.Outcome outcome = validator.validate(spec(counterFiles(), ServiceInfo.getDefaultInstance(), entity));

    UserEntity accepted = assertInstanceOf(SpecValidator.Accepted.class, outcome).entities().get(0);
    assertEquals(CounterUserFunction.SERVICE, accepted.serviceName());
    assertEquals("counter", accepted.persistenceId());
    assertEquals(Duration.ofMillis(1500), accepted.passivationTimeout());
  }

  @Test
  void acceptsProtocolZeroPointOneAndUnsetAndRefusesAnotherMajorVersion() {
    ServiceInfo v01 = ServiceInfo.newBuilder().setProtocolMajorVersion(0).setProtocolMinorVersion(1).build();
    ServiceInfo v10 = ServiceInfo.newBuilder().setProtocolMajorVersion(1).setProtocolMinorVersion(0)
        .setSupportLibraryName("future-support").build();

    assertInstanceOf(SpecValidator.Accepted.class, validator.validate(spec(counterFiles(), v01, counterEntity())));
    List<String> problems = problems(spec(counterFiles(), v10, counterEntity()));
    assertTrue(problems.get(0).contains("protocol 1.0") && problems.get(0).contains("future-support"), problems.toString());
  }

  @Test
  void namesAnUnknownEntityTypeAndAMissingService() {
    Entity unknownType = counterEntity().toBuilder().setEntityType("cloudstate.crdt.Crdt").build();
    Entity missing = counterEntity().toBuilder().setServiceName("example.Missing").build();

    List<String> problems = problems(spec(counterFiles(), ServiceInfo.getDefaultInstance(), unknownType, missing));

    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("unknown entity type 'cloudstate.crdt.Crdt'"), problems.get(0));
    assertTrue(problems.get(1).contains("example.Missing: not found"), problems.get(1));
  }

  @Test
  void refusesStreamedMethodsAndInputsWithoutKey() {
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("bad.proto").setPackage("bad").setSyntax("proto3")
        .addDependency("stateside/example/counter.proto")
        .addService(ServiceDescriptorProto.newBuilder().setName("Bad")
            .addMethod(MethodDescriptorProto.newBuilder().setName("Stream")
                .setInputType(".stateside.example.counter.IncreaseRequest")
                .setOutputType(".stateside.example.counter.CounterValue").setServerStreaming(true))
            .addMethod(MethodDescriptorProto.newBuilder().setName("NoKey")
                .setInputType(".stateside.example.counter.CounterValue")
                .setOutputType(".stateside.example.counter.CounterValue")))
        .build();
    FileDescriptorSet files = counterFiles().toBuilder().addFile(file).build();
    Entity bad = counterEntity().toBuilder().setServiceName("bad.Bad").build();

    List<String> problems = problems(spec(files, ServiceInfo.getDefaultInstance(), bad));

    assertTrue(problems.stream().anyMatch(p -> p.contains("method Stream is server-streaming; event-sourced entities serve unary methods only")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("method NoKey") && p.contains("no field marked")),
        problems.toString());
  }

  @Test
  void refusesADescriptorSetWithAMissingImport() {
    FileDescriptorSet onlyCounter = FileDescriptorSet.newBuilder().addFile(CounterProto.getDescriptor().toProto())
        .addFile(FileDescriptorProto.newBuilder().setName("user.proto").addDependency("shared/types.proto"))
        .build();

    List<String> problems = problems(spec(onlyCounter, ServiceInfo.getDefaultInstance(), counterEntity()));

    assertTrue(problems.get(0).contains("lacks shared/types.proto, imported by user.proto"), problems.toString());
  }

  @Test
  void refusesBytesThatAreNoDescriptorSet() {
    EntitySpec garbage = EntitySpec.newBuilder().setProto(ByteString.copyFromUtf8("\u00ffnot protobuf"))
        .addEntities(counterEntity()).build();
    assertTrue(problems(garbage).get(0).contains("not a FileDescriptorSet"));
  }

  @Test
  void refusesASpecWithoutEntities() {
    assertTrue(problems(spec(counterFiles(), ServiceInfo.getDefaultInstance())).get(0).contains("no entities"));
  }

  @Test
  void refusesAMethodFedByATopicWhenNoBrokerIsConfigured() {
    FileDescriptorSet.Builder files = counterFiles().toBuilder();
    for (FileDescriptorProto.Builder file : files.getFileBuilderList()) {
      for (ServiceDescriptorProto.Builder service : file.getServiceBuilderList()) {
        for (MethodDescriptorProto.Builder method : service.getMethodBuilderList()) {
          if (method.getName().equals("Increase")) {
            method.setOptions(MethodOptions.newBuilder().setExtension(EventsProto.eventing, Eventing.newBuilder()
                .setIn(EventSource.newBuilder().setTopic("increases")).build()));
          }
        }
      }
    }
    List<String> problems = problems(spec(files.build(), ServiceInfo.getDefaultInstance(), counterEntity()));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains(CounterUserFunction.SERVICE + ".Increase")
        && problems.get(0).contains("no message broker is configured (set KAFKA_BOOTSTRAP_SERVERS)"), problems.get(0));
  }
}
