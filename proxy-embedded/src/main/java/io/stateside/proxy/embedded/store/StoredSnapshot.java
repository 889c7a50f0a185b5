package io.stateside.proxy.embedded.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A snapshot as stored.
 *
 * @param timestamp the snapshot's time in epoch milliseconds (Akka selects snapshots by it)
 * @param serializerId the Akka serializer of the payload
 * @param serializerManifest the serializer's manifest
 * @param payload the serialized snapshot
 */
public record StoredSnapshot(long timestamp, int serializerId, String serializerManifest, ByteString payload) {

  private static final int FORMAT = 1;

  public byte[] encode() {
    int size = CodedOutputStream.computeUInt32SizeNoTag(FORMAT)
        + CodedOutputStream.computeInt64SizeNoTag(timestamp)
        + CodedOutputStream.computeInt32SizeNoTag(serializerId)
        + CodedOutputStream.computeStringSizeNoTag(serializerManifest)
        + payload.size();
    byte[] bytes = new byte[size];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      out.writeUInt32NoTag(FORMAT);
      out.writeInt64NoTag(timestamp);
      out.writeInt32NoTag(serializerId);
      out.writeStringNoTag(serializerManifest);
      out.writeRawBytes(payload);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }

  public static StoredSnapshot decode(byte[] bytes) {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    try {
      int format = in.readUInt32();
      if (format != FORMAT) {
        throw new IllegalStateException("Unknown stored snapshot format " + format);
      }
      long timestamp = in.readInt64();
      int serializerId = in.readInt32();
      String manifest = in.readString();
      ByteString payload = ByteString.copyFrom(bytes, in.getTotalBytesRead(), bytes.length - in.getTotalBytesRead());
      return new StoredSnapshot(timestamp, serializerId, manifest, payload);
    } catch (IOException e) {
      throw new UncheckedIOException("Corrupt stored snapshot", e);
    }
  }
}
