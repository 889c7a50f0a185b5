package io.stateside.proxy.journaled;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.AllDeadLetters;
import akka.actor.Dropped;
import akka.actor.Extension;
import akka.actor.Props;
import akka.actor.UnhandledMessage;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityNotDelivered;
import io.stateside.protocol.internal.EntityReply;

/**
 * Tells the sender of a command that was dropped on its way that no entity saw it, so that it
 * can send it again. Cluster sharding delivers at most once: it drops the messages that reach a
 * shard while the shard is handed off to another node (a node leaving, a rebalance), and those
 * sent to an entity that has just stopped. Each drop is published on the event stream with its
 * sender, which is where this node's watcher finds it. A dropped command certainly reached no
 * user function, so sending it again cannot apply it twice.
 */
final class UndeliveredCommands extends AbstractActor {

  /** One watcher per actor system, started with the first sharded kind. */
  static final class Watch implements Extension {
    Watch(ActorSystem system) {
      ActorRef watcher = system.actorOf(Props.create(UndeliveredCommands.class, UndeliveredCommands::new),
          "undelivered-commands");
      system.getEventStream().subscribe(watcher, AllDeadLetters.class);
      system.getEventStream().subscribe(watcher, UnhandledMessage.class);
    }
  }

  static final akka.actor.ExtensionId<Watch> WATCH = new akka.actor.AbstractExtensionId<>() {
    @Override
    public Watch createExtension(akka.actor.ExtendedActorSystem system) {
      return new Watch(system);
    }
  };

  static void ensureStarted(ActorSystem system) {
    WATCH.get(system);
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(AllDeadLetters.class, letter -> {
          // What a shard region drops it hands to deadLetters as a Dropped, which then arrives
          // here wrapped in a DeadLetter of its own.
          AllDeadLetters dropped = letter.message() instanceof Dropped inner ? inner : letter;
          String reason = dropped instanceof Dropped d ? d.reason() : "its recipient had stopped";
          tellSender(dropped.message(), dropped.sender(), reason);
        })
        .match(UnhandledMessage.class, unhandled ->
            tellSender(unhandled.getMessage(), unhandled.getSender(), "its shard was being handed off"))
        .build();
  }

  private void tellSender(Object message, ActorRef sender, String reason) {
    if (message instanceof EntityCommand && sender != null && !sender.equals(ActorRef.noSender())
        && !sender.equals(context().system().deadLetters())) {
      sender.tell(EntityReply.newBuilder()
          .setNotDelivered(EntityNotDelivered.newBuilder().setReason(reason))
          .build(), ActorRef.noSender());
    }
  }
}
