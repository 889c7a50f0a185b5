package io.stateside.proxy.entity;

import akka.serialization.SerializerWithStringManifest;
import com.google.protobuf.Any;
import com.google.protobuf.UnsafeByteOperations;

/**
 * Stores events and snapshots as the user's own bytes, with the type URL as manifest, so
 * the journal never depends on classes the proxy does not have.
 */
public final class AnySerializer extends SerializerWithStringManifest {

  @Override
  public int identifier() {
    return 8001;
  }

  @Override
  public String manifest(Object o) {
    return ((Any) o).getTypeUrl();
  }

  @Override
  public byte[] toBinary(Object o) {
    return ((Any) o).getValue().toByteArray();
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) {
    return Any.newBuilder().setTypeUrl(manifest).setValue(UnsafeByteOperations.unsafeWrap(bytes)).build();
  }
}
