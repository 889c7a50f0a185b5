package io.stateside.proxy.routing;

import java.util.concurrent.CompletionStage;

/**
 * Where a method's replies go besides its caller: the topic of its {@code (cloudstate.eventing).out}.
 * The router publishes each reply of such a method before it hands the reply on, so a caller
 * (a client, or an event source waiting to commit its offset) hears of success only once the
 * reply is published.
 */
public interface ReplyPublisher {

  /**
   * Publishes one reply of the method. {@code subject} is what the reply is about when the call
   * says so: the entity id of a keyed call, the subject of the event a subscriber got; else empty.
   */
  CompletionStage<Void> publish(ClientReply reply, String subject);
}
