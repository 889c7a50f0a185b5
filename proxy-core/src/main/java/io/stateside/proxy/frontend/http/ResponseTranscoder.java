package io.stateside.proxy.frontend.http;

import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpEntity;
import com.google.api.HttpBody;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import java.util.Optional;

/**
 * Turns one binding's reply messages into what the HTTP caller reads: compact proto3 JSON of the
 * reply, or of its {@code response_body} field, with default values shown; a
 * {@code google.api.HttpBody} reply is answered as its own bytes and content type.
 */
final class ResponseTranscoder {

  private static final String HTTP_BODY = HttpBody.getDescriptor().getFullName();

  private final Descriptor output;
  private final Optional<FieldDescriptor> responseBody;
  private final JsonFormat.Printer printer;
  private final boolean rawBody;

  ResponseTranscoder(HttpBinding binding, JsonFormat.TypeRegistry types) {
    this.output = binding.method().getOutputType();
    this.responseBody = binding.responseBody();
    this.printer = JsonFormat.printer().usingTypeRegistry(types).includingDefaultValueFields()
        .omittingInsignificantWhitespace();
    Descriptor answered = responseBody
        .map(f -> f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? f.getMessageType() : null)
        .orElse(responseBody.isPresent() ? null : output);
    this.rawBody = answered != null && answered.getFullName().equals(HTTP_BODY);
  }

  /** The entity of a unary answer. */
  HttpEntity.Strict entity(ByteString reply) {
    DynamicMessage message = parse(reply);
    if (rawBody) {
      Message body = responseBody.isPresent() ? (Message) message.getField(responseBody.get()) : message;
      HttpBody httpBody = toHttpBody(body);
      ContentType type = ContentTypes.parse(httpBody.getContentType().isEmpty()
          ? "application/octet-stream" : httpBody.getContentType());
      return HttpEntities.create(type, httpBody.getData().toByteArray());
    }
    return HttpEntities.create(ContentTypes.APPLICATION_JSON, json(message));
  }

  /** The reply as one line of JSON, for a streamed answer. */
  String json(ByteString reply) {
    return json(parse(reply));
  }

  private String json(DynamicMessage message) {
    try {
      String whole = printer.print(message);
      if (responseBody.isEmpty()) {
        return whole;
      }
      // The printer writes messages only; a scalar or repeated field is cut out of the whole.
      JsonElement field = JsonParser.parseString(whole).getAsJsonObject().get(responseBody.get().getJsonName());
      return field == null ? "{}" : field.toString();
    } catch (InvalidProtocolBufferException e) {
      throw Status.INTERNAL.withDescription("the reply cannot be written as JSON: " + e.getMessage())
          .withCause(e).asRuntimeException();
    }
  }

  private DynamicMessage parse(ByteString reply) {
    try {
      return DynamicMessage.parseFrom(output, reply);
    } catch (InvalidProtocolBufferException e) {
      throw Status.UNKNOWN.withDescription("user function error: the reply is no " + output.getFullName())
          .asRuntimeException();
    }
  }

  private static HttpBody toHttpBody(Message message) {
    try {
      return HttpBody.parseFrom(message.toByteString());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an HttpBody that is no HttpBody", e);
    }
  }
}
