package io.stateside.proxy.journaled;

import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.actor.Props;
import akka.pattern.Patterns;
import com.typesafe.config.ConfigFactory;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Reply;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A command that sharding drops on its way is sent again, and its caller still gets one answer. */
class UndeliveredCommandsTest {

  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("undelivered", ConfigFactory.parseString("akka.actor.provider = local")
        .withFallback(ConfigFactory.load()));
    UndeliveredCommands.ensureStarted(system);
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  private static ActorRef stopped() {
    ActorRef gone = system.actorOf(Props.create(Answering.class, () -> new Answering(null)));
    Patterns.gracefulStop(gone, Duration.ofSeconds(10)).toCompletableFuture().join();
    return gone;
  }

  /** Drops every command as a shard region does at hand-off: a Dropped handed to deadLetters. */
  static final class DroppingAtHandOff extends AbstractActor {
    @Override
    public Receive createReceive() {
      return receiveBuilder().match(EntityCommand.class, command -> context().system().deadLetters().tell(
          new akka.actor.Dropped(command, "hand-off", sender(), ActorRef.noSender()), self())).build();
    }
  }

  @Test
  void aCommandARegionDropsAtHandOffComesBackToItsSenderAsNotDelivered() {
    ActorRef region = system.actorOf(Props.create(DroppingAtHandOff.class, DroppingAtHandOff::new));
    EntityReply reply = (EntityReply) Patterns.ask(region, command(), Duration.ofSeconds(10))
        .toCompletableFuture().join();
    assertTrue(reply.hasNotDelivered(), reply.toString());
  }

  /** Stands in for a shard region: drops the first command it gets (to a stopped entity), answers the rest. */
  static final class Answering extends AbstractActor {
    private final ActorRef dropInto;
    final AtomicInteger seen = new AtomicInteger();

    Answering(ActorRef dropInto) {
      this.dropInto = dropInto;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder().match(EntityCommand.class, command -> {
        if (seen.getAndIncrement() == 0 && dropInto != null) {
          dropInto.tell(command, sender());
        } else {
          sender().tell(EntityReply.newBuilder().setAction(ClientAction.newBuilder().setReply(Reply.newBuilder()))
              .build(), self());
        }
      }).build();
    }
  }

  private static EntityCommand command() {
    return EntityCommand.newBuilder().setEntityId("e").setName("Go").build();
  }

  @Test
  void aCommandDroppedOnItsWayComesBackToItsSenderAsNotDelivered() {
    ActorRef region = system.actorOf(Props.create(Answering.class, () -> new Answering(stopped())));
    EntityReply reply = (EntityReply) Patterns.ask(region, command(), Duration.ofSeconds(10))
        .toCompletableFuture().join();
    assertTrue(reply.hasNotDelivered(), reply.toString());
  }

  @Test
  void theGatewaySendsADroppedCommandAgainAndItsCallerGetsTheAnswer() {
    ActorRef region = system.actorOf(Props.create(Answering.class, () -> new Answering(stopped())));
    EntityReply reply = ShardedEntities.send(region, command(), System.nanoTime() + Duration.ofSeconds(10).toNanos(), system)
        .toCompletableFuture().join();
    assertTrue(reply.hasAction(), reply.toString());
  }
}
