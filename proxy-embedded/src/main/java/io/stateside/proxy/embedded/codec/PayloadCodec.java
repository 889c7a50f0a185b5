package io.stateside.proxy.embedded.codec;

import akka.actor.ActorSystem;
import akka.actor.ExtendedActorSystem;
import akka.serialization.Serialization;
import akka.serialization.Serialization$;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.serialization.Serializers;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

/**
 * Events and snapshots through the actor system's Akka serialization (for the proxy: the
 * {@code google.protobuf.Any} serializer, which keeps the user's bytes and type URL).
 */
public final class PayloadCodec {

  private final ExtendedActorSystem system;
  private final Serialization serialization;

  public PayloadCodec(ActorSystem system) {
    this.system = (ExtendedActorSystem) system;
    this.serialization = SerializationExtension.get(system);
  }

  public SerializedPayload serialize(Object payload) {
    Serializer serializer = serialization.findSerializerFor(payload);
    String manifest = Serializers.manifestFor(serializer, payload);
    // Payloads holding actor references need to know the system's address to serialize them.
    byte[] bytes = Serialization$.MODULE$.withTransportInformation(system, () -> serializer.toBinary(payload));
    return new SerializedPayload(serializer.identifier(), manifest, UnsafeByteOperations.unsafeWrap(bytes));
  }

  public Object deserialize(int serializerId, String manifest, ByteString bytes) {
    return serialization.deserialize(bytes.toByteArray(), serializerId, manifest).get();
  }
}
