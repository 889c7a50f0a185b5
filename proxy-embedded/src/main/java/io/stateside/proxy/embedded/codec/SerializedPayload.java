package io.stateside.proxy.embedded.codec;

import com.google.protobuf.ByteString;

/** A payload serialized by Akka serialization: the serializer, its manifest and the bytes. */
public record SerializedPayload(int serializerId, String manifest, ByteString bytes) {}
