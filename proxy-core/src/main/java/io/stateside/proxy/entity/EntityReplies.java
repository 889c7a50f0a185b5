package io.stateside.proxy.entity;

import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Failure;
import io.stateside.protocol.internal.EntityExpired;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.protocol.internal.EntityUnavailable;

/** The answers an entity gives of its own, beside the user function's. */
public final class EntityReplies {

  private EntityReplies() {}

  public static EntityReply unavailable(String reason) {
    return EntityReply.newBuilder().setUnavailable(EntityUnavailable.newBuilder().setDescription(reason)).build();
  }

  public static EntityReply expired(String reason) {
    return EntityReply.newBuilder().setExpired(EntityExpired.newBuilder().setDescription(reason)).build();
  }

  public static EntityReply failure(Failure failure) {
    return EntityReply.newBuilder().setAction(ClientAction.newBuilder().setFailure(failure)).build();
  }
}
