package io.stateside.proxy.eventing;

import com.google.protobuf.Descriptors.MethodDescriptor;
import io.stateside.protocol.frontend.EventDestination;
import io.stateside.protocol.frontend.EventSource;
import io.stateside.protocol.frontend.Eventing;
import io.stateside.protocol.frontend.EventsProto;
import io.stateside.proxy.entity.CallShape;
import io.stateside.proxy.entity.UserEntity;
import io.stateside.proxy.routing.MethodRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the user function's methods declare with {@code (cloudstate.eventing)}: the subscriptions
 * to start (methods fed by an event log or a topic) and the topics that methods' replies go to,
 * read from the accepted services; and every declaration that cannot be served, for discovery to
 * refuse.
 */
public record EventingSpec(List<Subscription> subscriptions, Map<String, String> destinations, List<String> problems) {

  /** The entity type whose journal an event log is. */
  private static final String EVENT_SOURCED = "cloudstate.eventsourced.EventSourced";

  public EventingSpec {
    subscriptions = List.copyOf(subscriptions);
    destinations = Map.copyOf(destinations);
    problems = List.copyOf(problems);
  }

  public static final EventingSpec NONE = new EventingSpec(List.of(), Map.of(), List.of());

  /**
   * Reads the services' eventing declarations; {@code topicsAvailable} says whether a message
   * broker is configured, without which a topic is a problem.
   */
  public static EventingSpec of(List<UserEntity> entities, boolean topicsAvailable) {
    Set<String> eventLogs = new TreeSet<>();
    entities.stream()
        .filter(entity -> entity.kind().protocolName().equals(EVENT_SOURCED))
        .forEach(entity -> eventLogs.add(entity.persistenceId()));
    List<String> problems = new ArrayList<>();
    Map<String, String> destinations = new LinkedHashMap<>();
    Map<GroupKey, Map<String, SubscriberMethod>> groups = new LinkedHashMap<>();
    Map<GroupKey, String> groupOwners = new HashMap<>();
    for (UserEntity entity : entities) {
      for (MethodDescriptor method : entity.service().getMethods()) {
        if (!method.getOptions().hasExtension(EventsProto.eventing)) {
          continue;
        }
        Eventing eventing = method.getOptions().getExtension(EventsProto.eventing);
        String where = "method " + method.getFullName() + ": ";
        Optional<String> out = destination(eventing.getOut());
        out.ifPresent(topic -> destinations.put(MethodRoute.pathOf(entity.serviceName(), method.getName()), topic));
        if (out.isPresent() && !topicsAvailable) {
          problems.add(where + "publishes to topic '" + out.get() + "', but no message broker is configured "
              + "(set KAFKA_BOOTSTRAP_SERVERS)");
        }
        if (eventing.hasOut() && out.isEmpty()) {
          problems.add(where + "declares an eventing destination without a topic");
        }
        if (!eventing.hasIn()) {
          continue;
        }
        Optional<SubscriptionSource> source = source(eventing.getIn());
        if (source.isEmpty()) {
          problems.add(where + "declares an eventing source without a topic or an event log");
          continue;
        }
        List<String> methodProblems = check(entity, method, source.get(), out, eventLogs, topicsAvailable);
        methodProblems.forEach(problem -> problems.add(where + problem));
        if (!methodProblems.isEmpty()) {
          continue;
        }
        String group = eventing.getIn().getConsumerGroup().isEmpty()
            ? entity.serviceName() : eventing.getIn().getConsumerGroup();
        GroupKey key = new GroupKey(source.get(), group);
        String owner = groupOwners.putIfAbsent(key, entity.serviceName());
        if (owner != null && !owner.equals(entity.serviceName())) {
          problems.add(where + "consumer group '" + group + "' of " + source.get() + " is also used by service "
              + owner + "; a consumer group belongs to one service");
          continue;
        }
        Map<String, SubscriberMethod> methods = groups.computeIfAbsent(key, k -> new LinkedHashMap<>());
        String inputType = method.getInputType().getFullName();
        SubscriberMethod clash = methods.putIfAbsent(inputType,
            new SubscriberMethod(entity.serviceName(), method.getName(), inputType));
        if (clash != null) {
          problems.add(where + "takes " + inputType + " from " + source.get() + " in consumer group '" + group
              + "', as method " + clash.methodName() + " does; give one of them a consumer_group of its own to "
              + "have both consume the source independently");
        }
      }
    }
    List<Subscription> subscriptions = new ArrayList<>();
    groups.forEach((key, methods) ->
        subscriptions.add(new Subscription(key.source(), key.group(), groupOwners.get(key), methods)));
    return new EventingSpec(subscriptions, destinations, problems);
  }

  private static List<String> check(UserEntity entity, MethodDescriptor method, SubscriptionSource source,
      Optional<String> out, Set<String> eventLogs, boolean topicsAvailable) {
    List<String> problems = new ArrayList<>();
    if (source instanceof SubscriptionSource.EventLog log && !eventLogs.contains(log.persistenceId())) {
      problems.add("subscribes to the event log '" + log.persistenceId() + "', but no event-sourced entity has that "
          + "persistence id" + (eventLogs.isEmpty() ? "" : " (there are: " + String.join(", ", eventLogs) + ")"));
    }
    if (source instanceof SubscriptionSource.Topic topic) {
      if (!topicsAvailable) {
        problems.add("subscribes to topic '" + topic.name() + "', but no message broker is configured "
            + "(set KAFKA_BOOTSTRAP_SERVERS)");
      }
      if (out.isPresent() && out.get().equals(topic.name())) {
        problems.add("consumes and publishes the same topic '" + topic.name() + "', which would feed it its own replies");
      }
    }
    CallShape shape = CallShape.of(method);
    if (shape == CallShape.CLIENT_STREAMING || shape == CallShape.BIDIRECTIONAL) {
      problems.add("is " + shape + ", but an event is delivered as one message (unary or server-streaming methods "
          + "can subscribe)");
    }
    if (entity.kind().rules().keyed() && method.getInputType().getFullName().equals(SubscriberMethod.ANY)) {
      problems.add("takes google.protobuf.Any, which has no entity key field to find its entity by; only actions "
          + "can take any event");
    }
    return problems;
  }

  private static Optional<SubscriptionSource> source(EventSource in) {
    return switch (in.getSourceCase()) {
      case TOPIC -> in.getTopic().isEmpty() ? Optional.empty() : Optional.of(new SubscriptionSource.Topic(in.getTopic()));
      case EVENT_LOG -> in.getEventLog().isEmpty()
          ? Optional.empty() : Optional.of(new SubscriptionSource.EventLog(in.getEventLog()));
      case SOURCE_NOT_SET -> Optional.empty();
    };
  }

  private static Optional<String> destination(EventDestination out) {
    return out.getDestinationCase() == EventDestination.DestinationCase.TOPIC && !out.getTopic().isEmpty()
        ? Optional.of(out.getTopic()) : Optional.empty();
  }

  /** A source consumed by one consumer group. */
  private record GroupKey(SubscriptionSource source, String group) {}
}
