package io.stateside.javasupport;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The definition of an action: a stateless gRPC service whose methods the proxy calls directly,
 * with no entity key and no stored state, for gateways, validation and calls to other services.
 * Each method's handler returns an {@link ActionEffect} (reply, forward to any entity or action,
 * fail, or no reply, with side effects); methods may have any of the four gRPC call shapes.
 * Immutable; build one with {@link #builder}.
 *
 * <pre>{@code
 * Action gateway = Action.builder(GatewayProto.getDescriptor().findServiceByName("CartGateway"))
 *     .onUnary("AddItem", AddLineItem.class, Empty.class, (add, context) -> add.getQuantity() > 0
 *         ? ActionEffect.forward(ServiceCall.of(cartService, "AddItem", add))
 *         : ActionEffect.fail("quantity must be positive"))
 *     .onStreamedOut("Watch", WatchRequest.class, Tick.class, (watch, context) -> ticks(watch))
 *     .build();
 * }</pre>
 *
 * <p>Streamed methods take and give Akka Streams {@code Source}s ({@link ActionHandlers}).
 */
public final class Action extends EntityDefinition {

  private final Map<String, ActionMethod<?, ?>> methods;

  private Action(Builder builder) {
    super(builder.service, "", null);
    this.methods = Map.copyOf(builder.methods);
  }

  /**
   * Starts the definition of an action.
   *
   * @param service the gRPC service the action implements, from the generated descriptor
   * @return a builder
   */
  public static Builder builder(ServiceDescriptor service) {
    return new Builder(Objects.requireNonNull(service, "service"));
  }

  @Override
  EntityProtocol protocol() {
    return ActionServiceProtocol.INSTANCE;
  }

  /** @throws RejectedCommandException if the action has no such method */
  ActionMethod<?, ?> method(String name) {
    ActionMethod<?, ?> method = methods.get(name);
    if (method == null) {
      throw new RejectedCommandException(serviceName() + " has no method " + name);
    }
    return method;
  }

  /** Collects one handler per method of the service. */
  public static final class Builder {

    private final ServiceDescriptor service;
    private final Map<String, ActionMethod<?, ?>> methods = new HashMap<>();

    private Builder(ServiceDescriptor service) {
      this.service = service;
    }

    /**
     * Handles a unary method.
     *
     * @param methodName the method's name as written in the .proto file
     * @param commandType the method's request class
     * @param replyType the method's reply class
     * @param handler decides the effect of each call
     * @param <C> the request type
     * @param <R> the reply type
     * @return this builder
     * @throws IllegalArgumentException if the service has no such unary method with these types
     */
    public <C extends Message, R extends Message> Builder onUnary(
        String methodName, Class<C> commandType, Class<R> replyType, ActionHandlers.Unary<C, R> handler) {
      return on(methodName, commandType, replyType, false, false, handler);
    }

    /**
     * Handles a server-streaming method: one request, a stream of replies.
     *
     * @param methodName the method's name as written in the .proto file
     * @param commandType the method's request class
     * @param replyType the method's reply class
     * @param handler gives the effects of each call, as a stream
     * @param <C> the request type
     * @param <R> the reply type
     * @return this builder
     * @throws IllegalArgumentException if the service has no such server-streaming method with these types
     */
    public <C extends Message, R extends Message> Builder onStreamedOut(
        String methodName, Class<C> commandType, Class<R> replyType, ActionHandlers.StreamedOut<C, R> handler) {
      return on(methodName, commandType, replyType, false, true, handler);
    }

    /**
     * Handles a client-streaming method: a stream of requests, one reply.
     *
     * @param methodName the method's name as written in the .proto file
     * @param commandType the method's request class
     * @param replyType the method's reply class
     * @param handler decides the effect of each call from its stream of requests
     * @param <C> the request type
     * @param <R> the reply type
     * @return this builder
     * @throws IllegalArgumentException if the service has no such client-streaming method with these types
     */
    public <C extends Message, R extends Message> Builder onStreamedIn(
        String methodName, Class<C> commandType, Class<R> replyType, ActionHandlers.StreamedIn<C, R> handler) {
      return on(methodName, commandType, replyType, true, false, handler);
    }

    /**
     * Handles a bidirectional streaming method.
     *
     * @param methodName the method's name as written in the .proto file
     * @param commandType the method's request class
     * @param replyType the method's reply class
     * @param handler gives the effects of each call, as a stream, from its stream of requests
     * @param <C> the request type
     * @param <R> the reply type
     * @return this builder
     * @throws IllegalArgumentException if the service has no such bidirectional method with these types
     */
    public <C extends Message, R extends Message> Builder onStreamed(
        String methodName, Class<C> commandType, Class<R> replyType, ActionHandlers.Streamed<C, R> handler) {
      return on(methodName, commandType, replyType, true, true, handler);
    }

    private <C extends Message, R extends Message> Builder on(String methodName, Class<C> commandType,
        Class<R> replyType, boolean clientStreams, boolean serverStreams, ActionHandlers.Handler<C, R> handler) {
      Objects.requireNonNull(handler, "handler");
      MessageType<C> command = MessageType.of(commandType);
      MessageType<R> reply = MessageType.of(replyType);
      MethodDescriptor method = ServiceMethods.method(service, methodName, command, reply);
      if (method.isClientStreaming() != clientStreams || method.isServerStreaming() != serverStreams) {
        throw new IllegalArgumentException(methodName + " is " + shape(method) + ", not " + shape(clientStreams, serverStreams));
      }
      if (methods.putIfAbsent(methodName, new ActionMethod<>(methodName, command, reply, handler)) != null) {
        throw new IllegalArgumentException(methodName + " already has a handler");
      }
      return this;
    }

    private static String shape(MethodDescriptor method) {
      return shape(method.isClientStreaming(), method.isServerStreaming());
    }

    private static String shape(boolean clientStreams, boolean serverStreams) {
      if (clientStreams) {
        return serverStreams ? "bidirectional" : "client-streaming";
      }
      return serverStreams ? "server-streaming" : "unary";
    }

    /**
     * @return the action
     * @throws IllegalStateException if a method of the service has no handler
     */
    public Action build() {
      ServiceMethods.requireAllHandled(service, methods.keySet());
      return new Action(this);
    }
  }
}
