package io.stateside.proxy.action;

import io.stateside.protocol.ClientAction;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.protocol.internal.EntityReply;

/** Reads the user function's {@code ActionResponse} as the reply the router already understands. */
final class ActionResponses {

  private ActionResponses() {}

  static EntityReply toEntityReply(ActionResponse response) {
    ClientAction.Builder action = ClientAction.newBuilder();
    switch (response.getResponseCase()) {
      case REPLY -> action.setReply(response.getReply());
      case FORWARD -> action.setForward(response.getForward());
      case FAILURE -> action.setFailure(response.getFailure());
      // No reply: legal for actions, the router sends the client nothing for it.
      case RESPONSE_NOT_SET -> { }
    }
    return EntityReply.newBuilder().setAction(action).addAllSideEffects(response.getSideEffectsList()).build();
  }
}
