package io.stateside.javasupport;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A call of a gRPC method, made by the proxy on the user function's behalf: the target of a
 * {@linkplain Effect#forward forward} or of a {@link SideEffect}.
 *
 * <p>Created from the service's descriptor so that a misspelt method or a wrong payload type is
 * caught where the call is built, not in the proxy.
 */
public final class ServiceCall {

  private final String serviceName;
  private final String methodName;
  private final Message payload;

  private ServiceCall(String serviceName, String methodName, Message payload) {
    this.serviceName = serviceName;
    this.methodName = methodName;
    this.payload = payload;
  }

  /**
   * Describes a call of {@code service.methodName(payload)}.
   *
   * @param service the target service, for example {@code ShoppingCartProto.getDescriptor().findServiceByName("ShoppingCartService")}
   * @param methodName the method's name as written in the .proto file
   * @param payload the request; its type must be the method's input type
   * @return the call
   * @throws IllegalArgumentException if the service has no such method or the payload has the
   *     wrong type
   */
  public static ServiceCall of(ServiceDescriptor service, String methodName, Message payload) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(methodName, "methodName");
    Objects.requireNonNull(payload, "payload");
    MethodDescriptor method = service.findMethodByName(methodName);
    if (method == null) {
      throw new IllegalArgumentException(
          "Service " + service.getFullName() + " has no method " + methodName + "; it has "
              + service.getMethods().stream().map(MethodDescriptor::getName).collect(Collectors.joining(", ")));
    }
    String expected = method.getInputType().getFullName();
    String actual = payload.getDescriptorForType().getFullName();
    if (!expected.equals(actual)) {
      throw new IllegalArgumentException(
          service.getFullName() + "." + methodName + " takes " + expected + ", not " + actual);
    }
    return new ServiceCall(service.getFullName(), methodName, payload);
  }

  /** @return the full name of the target service, for example {@code shop.ShoppingCartService} */
  public String serviceName() {
    return serviceName;
  }

  /** @return the method name */
  public String methodName() {
    return methodName;
  }

  /** @return the request message */
  public Message payload() {
    return payload;
  }

  @Override
  public String toString() {
    return serviceName + "." + methodName;
  }
}
