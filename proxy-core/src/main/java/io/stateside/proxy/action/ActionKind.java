package io.stateside.proxy.action;

import io.stateside.protocol.action.ActionProtocol;
import io.stateside.protocol.action.ActionProtocolClient;
import io.stateside.proxy.entity.CallShape;
import io.stateside.proxy.entity.EntityContext;
import io.stateside.proxy.entity.EntityGateway;
import io.stateside.proxy.entity.EntityKind;
import io.stateside.proxy.entity.KindRules;
import io.stateside.proxy.entity.UserEntity;
import java.util.Set;

/**
 * Actions: stateless functions of the user function. No key, no sharding, no journal: every call
 * goes straight from the node that received it to its local user function, in whichever of the
 * four call shapes the method has, and may be answered with no reply at all.
 */
public final class ActionKind implements EntityKind {

  private static final KindRules RULES = new KindRules(false, false, Set.of(CallShape.values()), true);

  @Override
  public String protocolName() {
    return ActionProtocol.name;
  }

  @Override
  public String displayName() {
    return "actions";
  }

  @Override
  public KindRules rules() {
    return RULES;
  }

  @Override
  public EntityGateway start(UserEntity entity, EntityContext context) {
    return new ActionGateway(ActionProtocolClient.create(context.userFunction(), context.system()), entity.service());
  }
}
