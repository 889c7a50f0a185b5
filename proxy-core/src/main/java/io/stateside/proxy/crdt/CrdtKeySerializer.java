package io.stateside.proxy.crdt;

import akka.serialization.SerializerWithStringManifest;
import java.nio.charset.StandardCharsets;

/**
 * Serializes {@link CrdtKey}s, which the replicator's own messages carry between nodes (and
 * which Java serialization, switched off, would otherwise have to).
 */
public final class CrdtKeySerializer extends SerializerWithStringManifest {

  @Override
  public int identifier() {
    return 8003;
  }

  @Override
  public String manifest(Object o) {
    return "";
  }

  @Override
  public byte[] toBinary(Object o) {
    return ((CrdtKey) o).id().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) {
    return new CrdtKey(new String(bytes, StandardCharsets.UTF_8));
  }
}
