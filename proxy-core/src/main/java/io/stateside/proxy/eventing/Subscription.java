package io.stateside.proxy.eventing;

import java.util.Map;
import java.util.Optional;

/**
 * The methods of one service that share a source and a consumer group: together they consume
 * the source once, each event going to the method that takes its type (or, failing that, to the
 * one that takes {@code google.protobuf.Any}). The consumer group names the subscription's
 * progress: it is kept per consumer group and source.
 */
public record Subscription(
    SubscriptionSource source, String consumerGroup, String serviceName, Map<String, SubscriberMethod> methodsByInputType) {

  /** Type URLs of the Cloudstate JSON and primitive encodings: only a method taking Any gets them. */
  private static final String JSON_TYPES = "json.cloudstate.io/";
  private static final String PRIMITIVE_TYPES = "p.cloudstate.io/";

  public Subscription {
    methodsByInputType = Map.copyOf(methodsByInputType);
  }

  /** The method an event of this type URL goes to, if any takes it. */
  public Optional<SubscriberMethod> methodFor(String typeUrl) {
    if (!typeUrl.startsWith(JSON_TYPES) && !typeUrl.startsWith(PRIMITIVE_TYPES)) {
      SubscriberMethod typed = methodsByInputType.get(typeUrl.substring(typeUrl.lastIndexOf('/') + 1));
      if (typed != null) {
        return Optional.of(typed);
      }
    }
    return Optional.ofNullable(methodsByInputType.get(SubscriberMethod.ANY));
  }

  /** A name for logs and metrics: {@code <consumer group>@<source id>}. */
  public String describe() {
    return consumerGroup + "@" + source.id();
  }
}
