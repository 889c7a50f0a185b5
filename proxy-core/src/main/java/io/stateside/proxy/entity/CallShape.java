package io.stateside.proxy.entity;

import com.google.protobuf.Descriptors.MethodDescriptor;

/** How a gRPC method exchanges messages: one or a stream each way. */
public enum CallShape {
  UNARY("unary"),
  SERVER_STREAMING("server-streaming"),
  CLIENT_STREAMING("client-streaming"),
  BIDIRECTIONAL("bidirectional streaming");

  private final String description;

  CallShape(String description) {
    this.description = description;
  }

  public static CallShape of(MethodDescriptor method) {
    if (method.isClientStreaming()) {
      return method.isServerStreaming() ? BIDIRECTIONAL : CLIENT_STREAMING;
    }
    return method.isServerStreaming() ? SERVER_STREAMING : UNARY;
  }

  public boolean isStreamed() {
    return this != UNARY;
  }

  @Override
  public String toString() {
    return description;
  }
}
