package io.stateside.proxy.crdt;

import akka.actor.AbstractActor;
import akka.actor.ActorRef;
import akka.actor.Props;
import akka.actor.Terminated;
import akka.japi.Pair;
import io.stateside.protocol.internal.EntityCommand;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRDT entities of one service on this node: not sharded, so every node that gets calls for
 * an entity runs it, with its own stream to its own user function. One child per entity id,
 * started by its first command. An idle child is stopped in two steps, as sharding does it:
 * the commands that arrive for it meanwhile wait here, and go to a fresh child once the old one
 * is gone, so an entity never has two streams to the user function on one node.
 */
final class CrdtEntities extends AbstractActor {

  private final CrdtEntity.Settings settings;
  private final Map<String, ActorRef> running = new HashMap<>();
  /** Entities told to stop, with the commands (and their senders) that came since. */
  private final Map<ActorRef, Pair<String, List<Pair<Object, ActorRef>>>> stopping = new HashMap<>();
  private final Map<String, ActorRef> stoppingById = new HashMap<>();

  private CrdtEntities(CrdtEntity.Settings settings) {
    this.settings = settings;
  }

  static Props props(CrdtEntity.Settings settings) {
    return Props.create(CrdtEntities.class, () -> new CrdtEntities(settings));
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(EntityCommand.class, command -> route(command.getEntityId(), command))
        .match(CrdtEntity.StreamedCommand.class, streamed -> route(streamed.command().getEntityId(), streamed))
        .matchEquals(CrdtEntity.Idle.INSTANCE, idle -> passivate(sender()))
        .match(Terminated.class, terminated -> onStopped(terminated.actor()))
        .build();
  }

  private void route(String entityId, Object message) {
    ActorRef old = stoppingById.get(entityId);
    if (old != null) {
      stopping.get(old).second().add(Pair.create(message, sender()));
      return;
    }
    running.computeIfAbsent(entityId, this::startEntity).forward(message, context());
  }

  private ActorRef startEntity(String entityId) {
    ActorRef entity = context().actorOf(CrdtEntity.props(settings), URLEncoder.encode(entityId, StandardCharsets.UTF_8));
    context().watch(entity);
    return entity;
  }

  private void passivate(ActorRef entity) {
    String entityId = idOf(entity);
    if (entityId == null || stopping.containsKey(entity)) {
      return;
    }
    running.remove(entityId);
    stopping.put(entity, Pair.create(entityId, new ArrayList<>()));
    stoppingById.put(entityId, entity);
    entity.tell(CrdtEntity.Stop.INSTANCE, self());
  }

  private void onStopped(ActorRef entity) {
    Pair<String, List<Pair<Object, ActorRef>>> stopped = stopping.remove(entity);
    if (stopped == null) {
      // It stopped of its own accord (it cannot, short of a bug): forget it; the next command starts it anew.
      String entityId = idOf(entity);
      if (entityId != null) {
        running.remove(entityId);
      }
      return;
    }
    stoppingById.remove(stopped.first());
    for (Pair<Object, ActorRef> held : stopped.second()) {
      running.computeIfAbsent(stopped.first(), this::startEntity).tell(held.first(), held.second());
    }
  }

  /** The id of a running entity, from its actor's name. */
  private String idOf(ActorRef entity) {
    String entityId = URLDecoder.decode(entity.path().name(), StandardCharsets.UTF_8);
    return entity.equals(running.get(entityId)) ? entityId : null;
  }
}
