package io.stateside.javasupport;

import com.google.protobuf.Message;

/** How a successful command answers the client, whatever the entity kind. */
sealed interface Answer permits Answer.Reply, Answer.Forward {

  record Reply(Message message) implements Answer {}

  record Forward(ServiceCall call) implements Answer {}
}
