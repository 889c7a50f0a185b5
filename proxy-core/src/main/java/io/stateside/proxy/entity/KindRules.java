package io.stateside.proxy.entity;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.stateside.protocol.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one entity kind demands of the services declared with it: whether its calls carry an
 * entity key, whether it stores state under a persistence id, which call shapes it serves, and
 * whether its user function may answer a command with no reply at all.
 *
 * @param keyed every method's input names its entity with {@code cloudstate.entity_key} fields
 * @param persistent the declaration must give a persistence id
 * @param shapes the call shapes the kind serves
 * @param replyOptional an answer to a unary call without reply, forward or failure is legal
 *     (actions): the client gets the method's empty output message. A streamed call's answers
 *     may always go without: the client then gets nothing for them
 */
public record KindRules(boolean keyed, boolean persistent, Set<CallShape> shapes, boolean replyOptional) {

  public KindRules {
    shapes = Set.copyOf(shapes);
  }

  /** Sharded entities with stored state and unary methods: event-sourced and value entities. */
  public static KindRules persistentUnaryEntities() {
    return new KindRules(true, true, Set.of(CallShape.UNARY), false);
  }

  /**
   * Every way the declaration breaks these rules, but for the entity keys of a keyed kind, which
   * routing checks; empty when it keeps them.
   */
  public List<String> check(Entity declared, ServiceDescriptor service, String kindName) {
    List<String> problems = new ArrayList<>();
    if (persistent && declared.getPersistenceId().isBlank()) {
      problems.add("persistence id is empty");
    }
    for (MethodDescriptor method : service.getMethods()) {
      CallShape shape = CallShape.of(method);
      if (!shapes.contains(shape)) {
        problems.add("method " + method.getName() + " is " + shape + "; " + kindName + " serve "
            + shapes.stream().sorted().map(CallShape::toString).collect(Collectors.joining(", ")) + " methods only");
      }
    }
    return problems;
  }
}
