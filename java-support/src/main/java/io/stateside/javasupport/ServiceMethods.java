package io.stateside.javasupport;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The checks every kind's builder makes, so a definition that builds matches its service. */
final class ServiceMethods {

  private ServiceMethods() {}

  /**
   * A route for {@code methodName}, checked against the service.
   *
   * @throws IllegalArgumentException if the method does not exist or takes or returns other types
   */
  static <S, C extends Message, E> CommandRoute<S, C, E> route(
      ServiceDescriptor service, String methodName, Class<C> commandType, Class<? extends Message> replyType,
      CommandRoute.Decider<S, C, E> handler) {
    Objects.requireNonNull(handler, "handler");
    MessageType<C> command = MessageType.of(commandType);
    MessageType<?> reply = MessageType.of(replyType);
    method(service, methodName, command, reply);
    return new CommandRoute<>(command, reply, handler);
  }

  /**
   * The method {@code methodName} of the service, checked to take and return the given types.
   *
   * @throws IllegalArgumentException if the method does not exist or takes or returns other types
   */
  static MethodDescriptor method(
      ServiceDescriptor service, String methodName, MessageType<?> commandType, MessageType<?> replyType) {
    MethodDescriptor method = service.findMethodByName(Objects.requireNonNull(methodName, "methodName"));
    if (method == null) {
      throw new IllegalArgumentException(
          service.getFullName() + " has no method " + methodName + "; it has " + methodNames(service));
    }
    requireSameType(method.getInputType(), commandType.descriptor(), methodName + " takes");
    requireSameType(method.getOutputType(), replyType.descriptor(), methodName + " returns");
    return method;
  }

  /** @throws IllegalStateException if a method of the service has no handler */
  static void requireAllHandled(ServiceDescriptor service, Set<String> handled) {
    List<String> unhandled = service.getMethods().stream()
        .map(MethodDescriptor::getName)
        .filter(name -> !handled.contains(name))
        .toList();
    if (!unhandled.isEmpty()) {
      throw new IllegalStateException(
          "No command handler for " + String.join(", ", unhandled) + " of " + service.getFullName());
    }
  }

  private static String methodNames(ServiceDescriptor service) {
    return service.getMethods().stream().map(MethodDescriptor::getName).collect(Collectors.joining(", "));
  }

  private static void requireSameType(Descriptor expected, Descriptor actual, String what) {
    if (!expected.getFullName().equals(actual.getFullName())) {
      throw new IllegalArgumentException(what + " " + expected.getFullName() + ", not " + actual.getFullName());
    }
  }
}
