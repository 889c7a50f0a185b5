package io.stateside.proxy.embedded.codec;

import akka.actor.ActorRef;
import akka.persistence.AtomicWrite;
import akka.persistence.PersistentRepr;
import akka.persistence.PersistentRepr$;
import akka.persistence.journal.Tagged;
import io.stateside.proxy.embedded.store.PersistedEvent;
import io.stateside.proxy.embedded.store.StoreWrite.EventToStore;
import io.stateside.proxy.embedded.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import scala.jdk.javaapi.CollectionConverters;

/** Akka's persistent representations to stored events and back; tags go to the tag index. */
public final class EventCodec {

  private final PayloadCodec payloads;

  public EventCodec(PayloadCodec payloads) {
    this.payloads = payloads;
  }

  /** The events of one atomic write; throws if any of them cannot be serialized. */
  public List<EventToStore> encode(AtomicWrite write) {
    List<EventToStore> events = new ArrayList<>();
    for (PersistentRepr repr : CollectionConverters.asJava(write.payload())) {
      Object payload = repr.payload();
      Set<String> tags = Set.of();
      if (payload instanceof Tagged tagged) {
        payload = tagged.payload();
        tags = CollectionConverters.asJava(tagged.tags());
      }
      SerializedPayload serialized = payloads.serialize(payload);
      long timestamp = repr.timestamp() > 0 ? repr.timestamp() : System.currentTimeMillis();
      StoredEvent stored = new StoredEvent(serialized.serializerId(), serialized.manifest(), repr.manifest(),
          repr.writerUuid(), timestamp, serialized.bytes());
      events.add(new EventToStore(repr.persistenceId(), repr.sequenceNr(), tags, stored));
    }
    return events;
  }

  public PersistentRepr decode(PersistedEvent persisted) {
    StoredEvent stored = persisted.event();
    Object payload = payloads.deserialize(stored.serializerId(), stored.serializerManifest(), stored.payload());
    return PersistentRepr$.MODULE$.apply(payload, persisted.sequenceNr(), persisted.persistenceId(),
            stored.adapterManifest(), false, ActorRef.noSender(), stored.writerUuid())
        .withTimestamp(stored.timestamp());
  }

  /** Just the event, for the read journal. */
  public Object payload(PersistedEvent persisted) {
    StoredEvent stored = persisted.event();
    return payloads.deserialize(stored.serializerId(), stored.serializerManifest(), stored.payload());
  }
}
