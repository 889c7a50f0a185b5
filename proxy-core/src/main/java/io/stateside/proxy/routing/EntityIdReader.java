package io.stateside.proxy.routing;

import com.google.protobuf.ByteString;

/** Reads which entity a request is for. Only keyed kinds have one; the others read none. */
public interface EntityIdReader {

  /** For kinds whose calls name no entity (actions): every call has the empty id. */
  EntityIdReader UNKEYED = request -> "";

  /**
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT when the request names no usable entity
   */
  String extract(ByteString request);
}
