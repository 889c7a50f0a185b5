package io.stateside.proxy.frontend.http;

import com.google.api.HttpBody;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds one binding's request message from an HTTP request: the body (JSON, or raw bytes for a
 * {@code google.api.HttpBody}), then the path variables, then the query parameters, each into
 * its field. All of it is gathered as one JSON object and read by the proto3 JSON mapping, so
 * path and query values take exactly the forms JSON allows (numbers, enum names, timestamps...).
 */
final class RequestTranscoder {

  private static final String HTTP_BODY = HttpBody.getDescriptor().getFullName();

  private final HttpBinding binding;
  private final Descriptor input;
  private final JsonFormat.Parser parser;
  private final Optional<FieldDescriptor> bodyField;
  private final boolean rawBody;
  /** Top-level fields the path or body fill, which query parameters may not name. */
  private final Set<String> boundFields = new HashSet<>();

  RequestTranscoder(HttpBinding binding, JsonFormat.TypeRegistry types) {
    this.binding = binding;
    this.input = binding.method().getInputType();
    this.parser = JsonFormat.parser().usingTypeRegistry(types);
    this.bodyField = binding.body().isEmpty() || binding.bodyIsWholeMessage()
        ? Optional.empty() : Optional.of(input.findFieldByName(binding.body()));
    Descriptor bodyType = bodyField.map(f -> f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? f.getMessageType() : null)
        .orElse(binding.bodyIsWholeMessage() ? input : null);
    this.rawBody = bodyType != null && bodyType.getFullName().equals(HTTP_BODY);
    bodyField.ifPresent(f -> boundFields.add(f.getName()));
    binding.pathFields().forEach(fields -> boundFields.add(fields.get(0).getName()));
  }

  /**
   * The request message's bytes.
   *
   * @param contentType the request's content type, for a raw body
   * @throws StatusRuntimeException INVALID_ARGUMENT naming what is wrong
   */
  ByteString transcode(Map<String, String> pathValues, Map<String, List<String>> query, byte[] body, String contentType) {
    JsonObject root = body(body, contentType);
    List<String> fieldPaths = binding.template().fieldPaths();
    for (int i = 0; i < fieldPaths.size(); i++) {
      set(root, binding.pathFields().get(i), new JsonPrimitive(pathValues.get(fieldPaths.get(i))));
    }
    if (!query.isEmpty() && binding.bodyIsWholeMessage()) {
      throw invalid("query parameters " + query.keySet() + " are not accepted: the body is the whole request message");
    }
    query.forEach((name, values) -> {
      List<FieldDescriptor> fields = queryField(name);
      set(root, fields, queryValue(name, fields.get(fields.size() - 1), values));
    });
    DynamicMessage.Builder message = DynamicMessage.newBuilder(input);
    try {
      parser.merge(root.toString(), message);
    } catch (InvalidProtocolBufferException e) {
      throw invalid(diagnosis(root, e));
    }
    return message.build().toByteString();
  }

  private JsonObject body(byte[] body, String contentType) {
    JsonObject root = new JsonObject();
    if (binding.body().isEmpty() || body.length == 0) {
      return root;
    }
    JsonElement parsed;
    if (rawBody) {
      parsed = rawBody(body, contentType);
    } else {
      try {
        parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      } catch (JsonParseException e) {
        throw invalid("the body is not valid JSON: " + rootCause(e).getMessage());
      }
    }
    if (bodyField.isPresent()) {
      root.add(bodyField.get().getName(), parsed);
      return root;
    }
    if (!parsed.isJsonObject()) {
      throw invalid("the body must be a JSON object, the " + input.getFullName() + " message");
    }
    return parsed.getAsJsonObject();
  }

  private static JsonElement rawBody(byte[] body, String contentType) {
    JsonObject httpBody = new JsonObject();
    httpBody.addProperty("contentType", contentType);
    httpBody.addProperty("data", java.util.Base64.getEncoder().encodeToString(body));
    return httpBody;
  }

  private List<FieldDescriptor> queryField(String name) {
    List<FieldDescriptor> fields;
    try {
      fields = FieldPaths.resolve(input, name);
    } catch (IllegalArgumentException e) {
      throw invalid("query parameter " + e.getMessage());
    }
    if (boundFields.contains(fields.get(0).getName())) {
      throw invalid("query parameter '" + name + "' names a field the path or body already gives");
    }
    return fields;
  }

  private static JsonElement queryValue(String name, FieldDescriptor leaf, List<String> values) {
    if (leaf.isRepeated()) {
      JsonArray array = new JsonArray();
      values.forEach(array::add);
      return array;
    }
    if (values.size() > 1) {
      throw invalid("query parameter '" + name + "' is given " + values.size() + " times for a singular field");
    }
    return new JsonPrimitive(values.get(0));
  }

  /**
   * Sets the value at a field path, creating the messages along it. Names are proto names; a
   * JSON-name twin a body may carry is dropped, so the path or query value wins.
   */
  private static void set(JsonObject root, List<FieldDescriptor> fields, JsonElement value) {
    JsonObject at = root;
    for (int i = 0; i < fields.size() - 1; i++) {
      FieldDescriptor field = fields.get(i);
      JsonElement existing = at.has(field.getName()) ? at.get(field.getName()) : at.remove(field.getJsonName());
      JsonObject next = existing != null && existing.isJsonObject() ? existing.getAsJsonObject() : new JsonObject();
      at.add(field.getName(), next);
      at = next;
    }
    FieldDescriptor leaf = fields.get(fields.size() - 1);
    if (!leaf.getJsonName().equals(leaf.getName())) {
      at.remove(leaf.getJsonName());
    }
    at.add(leaf.getName(), value);
  }

  /** Which top-level field the parser refused, found by reading each one alone. */
  private String diagnosis(JsonObject root, InvalidProtocolBufferException whole) {
    for (Map.Entry<String, JsonElement> member : root.entrySet()) {
      JsonObject alone = new JsonObject();
      alone.add(member.getKey(), member.getValue());
      try {
        parser.merge(alone.toString(), DynamicMessage.newBuilder(input));
      } catch (InvalidProtocolBufferException e) {
        return "field '" + member.getKey() + "' of " + input.getFullName() + ": " + e.getMessage();
      }
    }
    return whole.getMessage();
  }

  private static Throwable rootCause(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
