package io.stateside.proxy.embedded.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An event as stored: its serialized payload and what Akka needs to rebuild the persistent
 * representation. Encoded compactly (varints, length-prefixed strings); RocksDB's block
 * compression then folds the manifests and writer ids that repeat from event to event.
 *
 * @param serializerId the Akka serializer of the payload
 * @param serializerManifest the serializer's manifest (the type URL for the proxy's events)
 * @param adapterManifest the event adapter manifest of the persistent representation, mostly empty
 * @param writerUuid the writer of the event (Akka checks it on replay)
 * @param timestamp write time in epoch milliseconds
 * @param payload the serialized event
 */
public record StoredEvent(
    int serializerId,
    String serializerManifest,
    String adapterManifest,
    String writerUuid,
    long timestamp,
    ByteString payload) {

  private static final int FORMAT = 1;

  public byte[] encode() {
    int size = CodedOutputStream.computeUInt32SizeNoTag(FORMAT)
        + CodedOutputStream.computeInt32SizeNoTag(serializerId)
        + CodedOutputStream.computeStringSizeNoTag(serializerManifest)
        + CodedOutputStream.computeStringSizeNoTag(adapterManifest)
        + CodedOutputStream.computeStringSizeNoTag(writerUuid)
        + CodedOutputStream.computeInt64SizeNoTag(timestamp)
        + payload.size();
    byte[] bytes = new byte[size];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      out.writeUInt32NoTag(FORMAT);
      out.writeInt32NoTag(serializerId);
      out.writeStringNoTag(serializerManifest);
      out.writeStringNoTag(adapterManifest);
      out.writeStringNoTag(writerUuid);
      out.writeInt64NoTag(timestamp);
      out.writeRawBytes(payload);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }

  public static StoredEvent decode(byte[] bytes) {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    try {
      int format = in.readUInt32();
      if (format != FORMAT) {
        throw new IllegalStateException("Unknown stored event format " + format);
      }
      int serializerId = in.readInt32();
      String serializerManifest = in.readString();
      String adapterManifest = in.readString();
      String writerUuid = in.readString();
      long timestamp = in.readInt64();
      ByteString payload = ByteString.copyFrom(bytes, in.getTotalBytesRead(), bytes.length - in.getTotalBytesRead());
      return new StoredEvent(serializerId, serializerManifest, adapterManifest, writerUuid, timestamp, payload);
    } catch (IOException e) {
      throw new UncheckedIOException("Corrupt stored event", e);
    }
  }
}
