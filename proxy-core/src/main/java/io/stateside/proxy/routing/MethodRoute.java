package io.stateside.proxy.routing;

import com.google.protobuf.Descriptors.MethodDescriptor;
import io.stateside.proxy.entity.CallShape;
import io.stateside.proxy.entity.EntityGateway;
import io.stateside.proxy.entity.KindRules;
import java.util.Optional;

/** Everything needed to serve one method of the user's services, computed once at start. */
public record MethodRoute(
    String serviceName,
    String methodName,
    String inputTypeUrl,
    String outputTypeName,
    CallShape shape,
    EntityIdReader entityId,
    boolean replyOptional,
    EntityGateway gateway,
    Optional<ReplyPublisher> publisher) {

  static final String TYPE_URL_PREFIX = "type.googleapis.com/";

  static MethodRoute of(MethodDescriptor method, KindRules rules, EntityGateway gateway, int maxEntityKeyLength,
      Optional<ReplyPublisher> publisher) {
    return new MethodRoute(
        method.getService().getFullName(),
        method.getName(),
        TYPE_URL_PREFIX + method.getInputType().getFullName(),
        method.getOutputType().getFullName(),
        CallShape.of(method),
        rules.keyed() ? EntityKeyExtractor.forMessage(method.getInputType(), maxEntityKeyLength) : EntityIdReader.UNKEYED,
        rules.replyOptional(),
        gateway,
        publisher);
  }

  public String path() {
    return pathOf(serviceName, methodName);
  }

  /** The key of a method among the routes: {@code <full service name>/<method name>}. */
  public static String pathOf(String serviceName, String methodName) {
    return serviceName + "/" + methodName;
  }

  /** Whether an Any with this type URL holds this method's input (an empty URL is trusted). */
  boolean acceptsInput(String typeUrl) {
    return typeUrl.isEmpty() || messageName(typeUrl).equals(messageName(inputTypeUrl));
  }

  static String messageName(String typeUrl) {
    return typeUrl.substring(typeUrl.lastIndexOf('/') + 1);
  }
}
