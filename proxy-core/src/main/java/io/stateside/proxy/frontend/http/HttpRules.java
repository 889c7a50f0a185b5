package io.stateside.proxy.frontend.http;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the HTTP bindings of the user's methods from their {@code google.api.http} options, or
 * gives a method without one the default binding, {@code POST /<package.Service>/<Method>} with
 * the whole message as body. Every rule that cannot be served is a problem, named for the spec's
 * author; streamed requests have no HTTP binding.
 */
public final class HttpRules {

  private final List<HttpBinding> bindings;
  private final List<String> problems;

  private HttpRules(List<HttpBinding> bindings, List<String> problems) {
    this.bindings = List.copyOf(bindings);
    this.problems = List.copyOf(problems);
  }

  public static HttpRules of(Collection<ServiceDescriptor> services) {
    List<HttpBinding> bindings = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, HttpBinding> seen = new HashMap<>();
    for (ServiceDescriptor service : services) {
      for (MethodDescriptor method : service.getMethods()) {
        String where = "method " + service.getFullName() + "." + method.getName() + ": ";
        boolean annotated = method.getOptions().hasExtension(AnnotationsProto.http);
        if (method.isClientStreaming()) {
          if (annotated) {
            problems.add(where + "google.api.http rules are for unary and server-streaming methods only");
          }
          continue;
        }
        List<HttpRule> rules = new ArrayList<>();
        if (annotated) {
          HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
          rules.add(rule.toBuilder().clearAdditionalBindings().build());
          for (HttpRule additional : rule.getAdditionalBindingsList()) {
            if (additional.getAdditionalBindingsCount() > 0) {
              problems.add(where + "an additional binding may not have additional bindings of its own");
            }
            rules.add(additional);
          }
        } else {
          rules.add(HttpRule.newBuilder()
              .setPost("/" + service.getFullName() + "/" + method.getName()).setBody("*").build());
        }
        for (HttpRule rule : rules) {
          try {
            HttpBinding binding = binding(method, rule);
            HttpBinding earlier = seen.putIfAbsent(binding.conflictKey(), binding);
            if (earlier != null) {
              throw new IllegalArgumentException(binding + " matches the same requests as " + earlier
                  + " of " + earlier.method().getFullName());
            }
            bindings.add(binding);
          } catch (IllegalArgumentException e) {
            problems.add(where + e.getMessage());
          }
        }
      }
    }
    return new HttpRules(bindings, problems);
  }

  /** The bindings of every method whose rules are all fine. */
  public List<HttpBinding> bindings() {
    return bindings;
  }

  /** What refuses the spec; empty when every rule can be served. */
  public List<String> problems() {
    return problems;
  }

  private static HttpBinding binding(MethodDescriptor method, HttpRule rule) {
    String httpMethod;
    String path;
    switch (rule.getPatternCase()) {
      case GET -> { httpMethod = "GET"; path = rule.getGet(); }
      case PUT -> { httpMethod = "PUT"; path = rule.getPut(); }
      case POST -> { httpMethod = "POST"; path = rule.getPost(); }
      case DELETE -> { httpMethod = "DELETE"; path = rule.getDelete(); }
      case PATCH -> { httpMethod = "PATCH"; path = rule.getPatch(); }
      case CUSTOM -> { httpMethod = rule.getCustom().getKind(); path = rule.getCustom().getPath(); }
      default -> throw new IllegalArgumentException("an http rule names no HTTP method and path");
    }
    if (httpMethod.isBlank()) {
      throw new IllegalArgumentException("a custom http rule names no HTTP method");
    }
    PathTemplate template = PathTemplate.parse(path);
    Descriptor input = method.getInputType();
    List<List<FieldDescriptor>> pathFields = new ArrayList<>();
    for (String fieldPath : template.fieldPaths()) {
      List<FieldDescriptor> fields = FieldPaths.resolve(input, fieldPath);
      FieldDescriptor leaf = fields.get(fields.size() - 1);
      if (leaf.isRepeated() || leaf.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        throw new IllegalArgumentException("path variable {" + fieldPath + "} of " + path
            + " must name a singular scalar field, not " + (leaf.isRepeated() ? "a repeated" : "a message") + " field");
      }
      pathFields.add(fields);
    }
    String body = rule.getBody();
    if (!body.isEmpty() && !body.equals("*") && input.findFieldByName(body) == null) {
      throw new IllegalArgumentException("body '" + body + "' is no field of " + input.getFullName());
    }
    Optional<FieldDescriptor> responseBody = Optional.empty();
    if (!rule.getResponseBody().isEmpty()) {
      FieldDescriptor field = method.getOutputType().findFieldByName(rule.getResponseBody());
      if (field == null) {
        throw new IllegalArgumentException("response_body '" + rule.getResponseBody() + "' is no field of "
            + method.getOutputType().getFullName());
      }
      responseBody = Optional.of(field);
    }
    return new HttpBinding(method, httpMethod, template, body, responseBody, pathFields);
  }
}
