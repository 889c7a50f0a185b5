package io.stateside.proxy.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.AnyProto;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.stateside.protocol.frontend.EventDestination;
import io.stateside.protocol.frontend.EventSource;
import io.stateside.protocol.frontend.Eventing;
import io.stateside.protocol.frontend.EventsProto;
import io.stateside.proxy.action.ActionKind;
import io.stateside.proxy.entity.EntityKind;
import io.stateside.proxy.entity.UserEntity;
import io.stateside.proxy.eventsourced.EventSourcedKind;
import io.stateside.proxy.routing.MethodRoute;
import io.stateside.proxy.valueentity.ValueEntityKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventingSpecTest {

  /** A method of a test service: its name, input message, eventing option and streaming. */
  private record Method(String name, String input, Eventing eventing, boolean clientStreaming) {
    static Method of(String name, String input, Eventing eventing) {
      return new Method(name, input, eventing, false);
    }
  }

  private static Eventing eventLog(String persistenceId) {
    return Eventing.newBuilder().setIn(EventSource.newBuilder().setEventLog(persistenceId)).build();
  }

  private static Eventing topic(String topic) {
    return Eventing.newBuilder().setIn(EventSource.newBuilder().setTopic(topic)).build();
  }

  private static Eventing withOut(Eventing eventing, String topic) {
    return eventing.toBuilder().setOut(EventDestination.newBuilder().setTopic(topic)).build();
  }

  private static Eventing withGroup(Eventing eventing, String group) {
    return eventing.toBuilder().setIn(eventing.getIn().toBuilder().setConsumerGroup(group)).build();
  }

  private static int files;

  /** A service of the given kind in a file of its own, with messages ItemAdded, ItemRemoved (keyed by id) and Reply. */
  private static UserEntity service(String name, EntityKind kind, String persistenceId, Method... methods) {
    FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder()
        .setName("test" + (++files) + ".proto").setPackage("t" + files).setSyntax("proto3")
        .addDependency("google/protobuf/any.proto");
    for (String message : List.of("ItemAdded", "ItemRemoved", "Reply")) {
      file.addMessageType(DescriptorProto.newBuilder().setName(message).addField(FieldDescriptorProto.newBuilder()
          .setName("id").setNumber(1).setType(FieldDescriptorProto.Type.TYPE_STRING)
          .setOptions(com.google.protobuf.DescriptorProtos.FieldOptions.newBuilder()
              .setExtension(io.stateside.protocol.frontend.EntityKeyProto.entityKey, true))));
    }
    ServiceDescriptorProto.Builder service = ServiceDescriptorProto.newBuilder().setName(name);
    for (Method method : methods) {
      String input = method.input().startsWith(".") ? method.input() : ".t" + files + "." + method.input();
      MethodDescriptorProto.Builder descriptor = MethodDescriptorProto.newBuilder().setName(method.name())
          .setInputType(input).setOutputType(".t" + files + ".Reply").setClientStreaming(method.clientStreaming());
      if (method.eventing() != null) {
        descriptor.setOptions(MethodOptions.newBuilder().setExtension(EventsProto.eventing, method.eventing()));
      }
      service.addMethod(descriptor);
    }
    file.addService(service);
    try {
      FileDescriptor built = FileDescriptor.buildFrom(file.build(), new FileDescriptor[] {AnyProto.getDescriptor()});
      return new UserEntity(kind, built.getServices().get(0), persistenceId, Duration.ofSeconds(30));
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final UserEntity CART = service("Cart", new EventSourcedKind(), "carts",
      Method.of("AddItem", "ItemAdded", null));

  private static EventingSpec spec(boolean topics, UserEntity... entities) {
    List<UserEntity> all = new ArrayList<>(List.of(entities));
    all.add(0, CART);
    return EventingSpec.of(all, topics);
  }

  @Test
  void methodsOfAServiceOnOneSourceShareASubscriptionAndGetEventsByType() {
    UserEntity reader = service("Reader", new ActionKind(), "",
        Method.of("OnAdded", "ItemAdded", eventLog("carts")),
        Method.of("OnAnything", ".google.protobuf.Any", eventLog("carts")),
        Method.of("Get", "ItemAdded", null));
    EventingSpec spec = spec(false, reader);

    assertEquals(List.of(), spec.problems());
    assertEquals(1, spec.subscriptions().size());
    Subscription subscription = spec.subscriptions().get(0);
    assertEquals(new SubscriptionSource.EventLog("carts"), subscription.source());
    assertEquals(reader.serviceName(), subscription.consumerGroup(), "the service is the default consumer group");
    String added = reader.service().getFile().getPackage() + ".ItemAdded";
    assertEquals("OnAdded", subscription.methodFor("type.googleapis.com/" + added).orElseThrow().methodName());
    assertEquals("OnAnything", subscription.methodFor("type.googleapis.com/other.Thing").orElseThrow().methodName());
    assertEquals("OnAnything", subscription.methodFor("json.cloudstate.io/" + added).orElseThrow().methodName(),
        "JSON events go to the method that takes Any, whatever their type is called");
  }

  @Test
  void aConsumerGroupMakesAnIndependentSubscriptionAndDestinationsAreKeptPerMethod() {
    UserEntity reader = service("Reader", new ActionKind(), "",
        Method.of("OnAdded", "ItemAdded", withOut(eventLog("carts"), "added")),
        Method.of("AuditAdded", "ItemAdded", withGroup(eventLog("carts"), "audit")));
    EventingSpec spec = spec(true, reader);

    assertEquals(List.of(), spec.problems());
    assertEquals(List.of(reader.serviceName(), "audit"),
        spec.subscriptions().stream().map(Subscription::consumerGroup).toList());
    assertEquals(Map.of(MethodRoute.pathOf(reader.serviceName(), "OnAdded"), "added"), spec.destinations());
  }

  @Test
  void refusesEveryDeclarationThatCannotBeServed() {
    UserEntity reader = service("Reader", new ActionKind(), "",
        Method.of("UnknownLog", "ItemAdded", eventLog("orders")),
        Method.of("SameTopic", "ItemAdded", withOut(topic("items"), "items")),
        Method.of("First", "ItemRemoved", eventLog("carts")),
        Method.of("Second", "ItemRemoved", eventLog("carts")),
        new Method("Streamed", "ItemAdded", withGroup(eventLog("carts"), "streamed"), true),
        Method.of("NoSource", "ItemAdded", Eventing.newBuilder().setIn(EventSource.newBuilder().setConsumerGroup("g")).build()));
    UserEntity other = service("Other", new ActionKind(), "",
        Method.of("Borrowed", "ItemAdded", withGroup(eventLog("carts"), "streamed-elsewhere")),
        Method.of("Clash", "ItemAdded", withGroup(eventLog("carts"), "shared")));
    UserEntity third = service("Third", new ActionKind(), "",
        Method.of("Clash", "ItemAdded", withGroup(eventLog("carts"), "shared")));
    UserEntity profiles = service("Profiles", new ValueEntityKind(), "profiles",
        Method.of("OnAny", ".google.protobuf.Any", eventLog("carts")));

    List<String> problems = spec(true, reader, other, third, profiles).problems();

    assertProblem(problems, "Reader.UnknownLog", "subscribes to the event log 'orders', but no event-sourced entity has "
        + "that persistence id (there are: carts)");
    assertProblem(problems, "Reader.SameTopic", "consumes and publishes the same topic 'items'");
    assertProblem(problems, "Reader.Second", "takes " + reader.service().getFile().getPackage()
        + ".ItemRemoved from event log 'carts' in consumer group '" + reader.serviceName() + "', as method First does");
    assertProblem(problems, "Reader.Streamed", "is client-streaming, but an event is delivered as one message");
    assertProblem(problems, "Reader.NoSource", "declares an eventing source without a topic or an event log");
    assertProblem(problems, "Third.Clash", "consumer group 'shared' of event log 'carts' is also used by service "
        + other.serviceName());
    assertProblem(problems, "Profiles.OnAny", "takes google.protobuf.Any, which has no entity key field");
    assertEquals(7, problems.size(), String.join("\n", problems));
  }

  @Test
  void refusesTopicsWithoutABroker() {
    UserEntity reader = service("Reader", new ActionKind(), "",
        Method.of("FromTopic", "ItemAdded", topic("items")),
        Method.of("ToTopic", "ItemRemoved", withOut(eventLog("carts"), "removed")));

    List<String> problems = spec(false, reader).problems();

    assertProblem(problems, "Reader.FromTopic", "subscribes to topic 'items', but no message broker is configured");
    assertProblem(problems, "Reader.ToTopic", "publishes to topic 'removed', but no message broker is configured");
    assertEquals(2, problems.size(), String.join("\n", problems));
  }

  private static void assertProblem(List<String> problems, String method, String text) {
    assertTrue(problems.stream().anyMatch(p -> p.contains(method + ": ") && p.contains(text)),
        "no problem for " + method + " saying: " + text + "\nproblems:\n" + String.join("\n", problems));
  }
}
