package io.stateside.javasupport;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A call of a gRPC method, made by the proxy on the user function's behalf: the target of a
 * forward or of a {@link SideEffect}.
 *
 * <p>Typed by its target method: created from the method's descriptor, so a misspelt method or a
 * payload of the wrong type is caught where the call is built, not in the proxy. The library also
 * refuses to forward a command to a method whose reply type differs from the command's own.
 */
public final class ServiceCall {

  private final MethodDescriptor method;
  private final Message payload;

  private ServiceCall(MethodDescriptor method, Message payload) {
    this.method = method;
    this.payload = payload;
  }

  /**
   * Describes a call of {@code method(payload)}.
   *
   * @param method the target method, for example
   *     {@code ShoppingCartProto.getDescriptor().findServiceByName("ShoppingCartService").findMethodByName("GetCart")}
   * @param payload the request; its type must be the method's input type
   * @return the call
   * @throws IllegalArgumentException if the payload has the wrong type
   */
  public static ServiceCall of(MethodDescriptor method, Message payload) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(payload, "payload");
    String expected = method.getInputType().getFullName();
    String actual = payload.getDescriptorForType().getFullName();
    if (!expected.equals(actual)) {
      throw new IllegalArgumentException(
          method.getService().getFullName() + "." + method.getName() + " takes " + expected + ", not " + actual);
    }
    return new ServiceCall(method, payload);
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
    MethodDescriptor method = service.findMethodByName(methodName);
    if (method == null) {
      throw new IllegalArgumentException(
          "Service " + service.getFullName() + " has no method " + methodName + "; it has "
              + service.getMethods().stream().map(MethodDescriptor::getName).collect(Collectors.joining(", ")));
    }
    return of(method, payload);
  }

  /** @return the target method */
  public MethodDescriptor method() {
    return method;
  }

  /** @return the full name of the target service, for example {@code shop.ShoppingCartService} */
  public String serviceName() {
    return method.getService().getFullName();
  }

  /** @return the method name */
  public String methodName() {
    return method.getName();
  }

  /** @return the request message */
  public Message payload() {
    return payload;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ServiceCall call
        && call.method.getFullName().equals(method.getFullName())
        && call.payload.equals(payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method.getFullName(), payload);
  }

  @Override
  public String toString() {
    return serviceName() + "." + methodName();
  }
}
