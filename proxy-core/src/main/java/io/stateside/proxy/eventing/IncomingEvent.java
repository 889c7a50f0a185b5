package io.stateside.proxy.eventing;

import com.google.protobuf.Any;

/**
 * One event from a subscription's source, ready for the user function: the payload as a
 * protobuf {@code Any} (its type URL chooses the method) and the event's attributes.
 */
public record IncomingEvent(Any payload, CloudEvent cloudEvent) {}
