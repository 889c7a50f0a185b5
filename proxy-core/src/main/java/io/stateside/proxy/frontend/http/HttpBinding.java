package io.stateside.proxy.frontend.http;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP binding of a gRPC method, checked at discovery: the HTTP method and path template,
 * where the body goes and what of the reply is answered.
 *
 * @param httpMethod GET, POST, ... or a custom method's name
 * @param body empty for no body, {@code *} for the whole request message, else a top-level field
 * @param responseBody the reply's field answered instead of the whole reply, if any
 * @param pathFields the field path of each of the template's variables, resolved
 */
public record HttpBinding(
    MethodDescriptor method,
    String httpMethod,
    PathTemplate template,
    String body,
    Optional<FieldDescriptor> responseBody,
    List<List<FieldDescriptor>> pathFields) {

  public HttpBinding {
    pathFields = pathFields.stream().map(List::copyOf).toList();
  }

  public boolean bodyIsWholeMessage() {
    return body.equals("*");
  }

  /** The key under which two bindings would answer the same requests. */
  String conflictKey() {
    return httpMethod + " " + template.shape();
  }

  @Override
  public String toString() {
    return httpMethod + " " + template;
  }
}
