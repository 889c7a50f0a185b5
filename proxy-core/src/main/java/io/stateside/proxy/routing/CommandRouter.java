package io.stateside.proxy.routing;

import akka.NotUsed;
import akka.japi.pf.PFBuilder;
import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Forward;
import io.stateside.protocol.Metadata;
import io.stateside.protocol.SideEffect;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.entity.CallShape;
import io.stateside.proxy.entity.EntityGateway;
import io.stateside.proxy.entity.StreamHeader;
import io.stateside.proxy.entity.UserEntity;
import io.stateside.proxy.telemetry.ThrottledLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a call to one of the user's methods to its entity and turns the entity's answer into
 * the client's answer: synchronous side effects first, then the reply, forward or failure,
 * then asynchronous side effects.
 */
public final class CommandRouter {

  private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);
  /** A broker outage fails every publishing call: one line per interval, not one per call. */
  private static final ThrottledLog publishLog = new ThrottledLog(log, Duration.ofSeconds(10));

  private final Map<String, MethodRoute> routes;

  private CommandRouter(Map<String, MethodRoute> routes) {
    this.routes = Map.copyOf(routes);
  }

  /**
   * A router for the methods of the given services, each served by its service's gateway; entity
   * keys longer than the maximum are refused.
   */
  public static CommandRouter of(Map<UserEntity, EntityGateway> services, int maxEntityKeyLength) {
    return of(services, maxEntityKeyLength, Map.of());
  }

  /**
   * Like {@link #of(Map, int)}; the replies of the methods named in {@code publishers} (by
   * {@link MethodRoute#pathOf}) are also published there.
   */
  public static CommandRouter of(
      Map<UserEntity, EntityGateway> services, int maxEntityKeyLength, Map<String, ReplyPublisher> publishers) {
    Map<String, MethodRoute> routes = new HashMap<>();
    services.forEach((service, gateway) -> service.service().getMethods().forEach(method -> {
      String path = MethodRoute.pathOf(service.serviceName(), method.getName());
      MethodRoute route = MethodRoute.of(method, service.kind().rules(), gateway, maxEntityKeyLength,
          Optional.ofNullable(publishers.get(path)));
      routes.put(path, route);
    }));
    return new CommandRouter(routes);
  }

  public Optional<MethodRoute> find(String serviceName, String methodName) {
    return Optional.ofNullable(routes.get(MethodRoute.pathOf(serviceName, methodName)));
  }

  /**
   * Serves a client's call and completes with the reply message's bytes and metadata, or fails
   * with a {@link StatusRuntimeException} carrying the status the client should see.
   */
  public CompletionStage<ClientReply> call(MethodRoute route, ByteString request, Metadata metadata, Deadline deadline) {
    String entityId = route.entityId().extract(request);
    Any payload = Any.newBuilder().setTypeUrl(route.inputTypeUrl()).setValue(request).build();
    CompletionStage<ClientReply> answer = dispatch(route, entityId, payload, metadata, deadline, route.outputTypeName())
        .thenApply(reply -> reply.orElse(ClientReply.EMPTY_MESSAGE));
    return route.publisher().isEmpty() ? answer : answer.thenCompose(reply -> published(route, reply, entityId));
  }

  /**
   * Delivers an event to a subscribing method as one call: the payload as it came (its type
   * URL is the event's, which for a method taking {@code google.protobuf.Any} is not the
   * method's input type), the event's attributes as metadata. Emits the method's replies (one
   * for a unary method, any number for a server-streaming one), each published first when the
   * method has a destination; fails with the status a client would get.
   */
  public Source<ClientReply, NotUsed> deliver(
      MethodRoute route, Any payload, Metadata metadata, Deadline deadline, String subject) {
    String entityId = route.entityId().extract(payload.getValue());
    Source<ClientReply, NotUsed> replies;
    if (route.shape() == CallShape.UNARY) {
      replies = Source.completionStage(dispatch(route, entityId, payload, metadata, deadline, route.outputTypeName()))
          .mapConcat(reply -> reply.map(List::of).orElse(List.of()));
    } else {
      EntityCommand command = command(route, entityId, payload, metadata, deadline.remaining());
      replies = route.gateway().stream(new StreamHeader(route.methodName(), metadata), Source.single(command),
              deadline.remaining())
          .mapError(new PFBuilder<Throwable, Throwable>().matchAny(error -> asStatus(route, entityId, error)).build())
          .mapAsync(1, reply -> complete(route, entityId, reply, deadline, route.outputTypeName()))
          .mapConcat(reply -> reply.map(List::of).orElse(List.of()));
    }
    String publishedSubject = subject.isEmpty() ? entityId : subject;
    return route.publisher().isEmpty() ? replies : replies.mapAsync(1, reply -> published(route, reply, publishedSubject));
  }

  /** The reply, once published where its method publishes. */
  private static CompletionStage<ClientReply> published(MethodRoute route, ClientReply reply, String subject) {
    return route.publisher().get().publish(reply, subject)
        .handle((done, error) -> {
          if (error != null) {
            publishLog.warn("unpublished", "Reply of {} not published: {}", route.path(),
                PlainFutures.causeOf(error).getMessage());
            throw Status.UNAVAILABLE.withDescription("the reply could not be published").asRuntimeException();
          }
          return reply;
        });
  }

  /**
   * Serves a streamed call: each client message becomes a command to the entity it names (for a
   * keyed kind) and each of the entity's answers one message back, in order, each through the
   * same side effects, forwards and failures as a unary answer; an answer without reply (legal
   * for actions) sends nothing, but for the one answer of a client-streaming call. A failure ends the stream with the status the client should see.
   * The response headers go out before any reply, so the replies' metadata is not sent.
   */
  public Source<ByteString, NotUsed> stream(
      MethodRoute route, Source<ByteString, NotUsed> requests, Metadata metadata, Deadline deadline) {
    Source<EntityCommand, NotUsed> commands = requests.map(request -> command(
        route, route.entityId().extract(request),
        Any.newBuilder().setTypeUrl(route.inputTypeUrl()).setValue(request).build(), metadata, deadline.remaining()));
    // A client-streaming call must still answer one message, as a unary call does.
    List<ByteString> noReply =
        route.shape() == CallShape.CLIENT_STREAMING ? List.of(ClientReply.EMPTY_MESSAGE.payload()) : List.of();
    return route.gateway().stream(new StreamHeader(route.methodName(), metadata), commands, deadline.remaining())
        .mapError(new PFBuilder<Throwable, Throwable>().matchAny(error -> asStatus(route, "", error)).build())
        .mapAsync(1, reply -> complete(route, "", reply, deadline, route.outputTypeName()).thenCompose(answer ->
            answer.isPresent() && route.publisher().isPresent()
                ? published(route, answer.get(), "").thenApply(Optional::of)
                : CompletableFuture.completedFuture(answer)))
        .mapConcat(reply -> reply.map(answer -> List.of(answer.payload())).orElse(noReply));
  }

  private static EntityCommand command(
      MethodRoute route, String entityId, Any payload, Metadata metadata, Duration remaining) {
    return EntityCommand.newBuilder()
        .setEntityId(entityId)
        .setName(route.methodName())
        .setPayload(payload)
        .setMetadata(metadata)
        .setRemainingNanos(remaining.toNanos())
        .build();
  }

  private CompletionStage<Optional<ClientReply>> dispatch(
      MethodRoute route, String entityId, Any payload, Metadata metadata, Deadline deadline, String expectedOutput) {
    if (deadline.isExpired()) {
      // Nobody waits for the answer any more: the entity need not see the command.
      return CompletableFuture.failedFuture(deadlineExceeded(route, entityId));
    }
    Duration remaining = deadline.remaining();
    return route.gateway().send(command(route, entityId, payload, metadata, remaining), remaining)
        .exceptionally(error -> { throw asStatus(route, entityId, error); })
        .thenCompose(reply -> complete(route, entityId, reply, deadline, expectedOutput));
  }

  private CompletionStage<Optional<ClientReply>> complete(
      MethodRoute route, String entityId, EntityReply reply, Deadline deadline, String expectedOutput) {
    if (reply.hasUnavailable()) {
      throw Status.UNAVAILABLE.withDescription(reply.getUnavailable().getDescription()).asRuntimeException();
    }
    if (reply.hasExpired()) {
      throw Status.DEADLINE_EXCEEDED.withDescription(reply.getExpired().getDescription()).asRuntimeException();
    }
    List<SideEffect> effects = reply.getSideEffectsList();
    CompletionStage<Void> synchronous = CompletableFuture.completedFuture(null);
    for (SideEffect effect : effects) {
      if (effect.getSynchronous()) {
        synchronous = synchronous.thenCompose(done -> sideEffect(effect, deadline));
      }
    }
    return synchronous
        .thenCompose(done -> act(route, entityId, reply.getAction(), deadline, expectedOutput))
        .whenComplete((answer, error) -> effects.stream()
            .filter(effect -> !effect.getSynchronous())
            .forEach(effect -> sideEffect(effect, deadline)));
  }

  private CompletionStage<Optional<ClientReply>> act(
      MethodRoute route, String entityId, ClientAction action, Deadline deadline, String expectedOutput) {
    return switch (action.getActionCase()) {
      case REPLY -> {
        Any payload = action.getReply().getPayload();
        if (!payload.getTypeUrl().isEmpty() && !MethodRoute.messageName(payload.getTypeUrl()).equals(expectedOutput)) {
          throw userFunctionError(route, entityId, "replied with " + payload.getTypeUrl()
              + " where " + expectedOutput + " was expected");
        }
        yield CompletableFuture.completedFuture(
            Optional.of(new ClientReply(payload.getValue(), action.getReply().getMetadata())));
      }
      case FORWARD -> forward(route, entityId, action.getForward(), deadline, expectedOutput);
      case FAILURE -> throw Status.UNKNOWN.withDescription(action.getFailure().getDescription()).asRuntimeException();
      case ACTION_NOT_SET -> {
        // A streamed call's answers may carry side effects only (a CRDT subscription does):
        // the client gets nothing for them.
        if (!route.replyOptional() && !route.shape().isStreamed()) {
          throw userFunctionError(route, entityId, "answered with neither reply, forward nor failure");
        }
        yield CompletableFuture.completedFuture(Optional.empty());
      }
    };
  }

  private CompletionStage<Optional<ClientReply>> forward(
      MethodRoute from, String entityId, Forward forward, Deadline deadline, String expectedOutput) {
    MethodRoute target = routes.get(MethodRoute.pathOf(forward.getServiceName(), forward.getCommandName()));
    if (target == null) {
      throw userFunctionError(from, entityId, "forwarded to unknown method "
          + forward.getServiceName() + "/" + forward.getCommandName());
    }
    if (!target.acceptsInput(forward.getPayload().getTypeUrl())) {
      throw userFunctionError(from, entityId, "forwarded a " + forward.getPayload().getTypeUrl()
          + " to " + target.path() + ", which takes " + target.inputTypeUrl());
    }
    String targetId = target.entityId().extract(forward.getPayload().getValue());
    return dispatch(target, targetId, forward.getPayload(), forward.getMetadata(), deadline, expectedOutput);
  }

  /** Runs side effects that no caller waits for, each with the given deadline. */
  public void runDetached(List<SideEffect> effects, Duration timeout) {
    Deadline deadline = Deadline.in(timeout);
    effects.forEach(effect -> sideEffect(effect, deadline));
  }

  private CompletionStage<Void> sideEffect(SideEffect effect, Deadline deadline) {
    String path = MethodRoute.pathOf(effect.getServiceName(), effect.getCommandName());
    MethodRoute target = routes.get(path);
    CompletionStage<Optional<ClientReply>> result;
    if (target == null || !target.acceptsInput(effect.getPayload().getTypeUrl())) {
      result = CompletableFuture.failedFuture(Status.UNKNOWN
          .withDescription("side effect to unknown method or with wrong payload type: " + path)
          .asRuntimeException());
    } else {
      try {
        String targetId = target.entityId().extract(effect.getPayload().getValue());
        result = dispatch(target, targetId, effect.getPayload(), effect.getMetadata(), deadline, target.outputTypeName());
      } catch (StatusRuntimeException e) {
        result = CompletableFuture.failedFuture(e);
      }
    }
    return result.handle((answer, error) -> {
      if (error != null) {
        log.warn("{} side effect {} failed: {}", effect.getSynchronous() ? "Synchronous" : "Asynchronous",
            path, PlainFutures.causeOf(error).getMessage());
        if (effect.getSynchronous()) {
          throw PlainFutures.causeOf(error) instanceof StatusRuntimeException s ? s
              : Status.UNKNOWN.withDescription("side effect failed").asRuntimeException();
        }
      }
      return null;
    });
  }

  private static StatusRuntimeException userFunctionError(MethodRoute route, String entityId, String problem) {
    log.error("User function broke the protocol: {} for entity '{}' {}", route.path(), entityId, problem);
    return Status.UNKNOWN.withDescription("user function error: " + problem).asRuntimeException();
  }

  private static StatusRuntimeException asStatus(MethodRoute route, String entityId, Throwable error) {
    Throwable cause = PlainFutures.causeOf(error);
    if (cause instanceof StatusRuntimeException status) {
      return status;
    }
    if (cause instanceof TimeoutException) {
      return deadlineExceeded(route, entityId);
    }
    log.warn("Entity '{}' of {} could not be reached", entityId, route.serviceName(), cause);
    return Status.UNAVAILABLE.withDescription("entity unavailable: " + cause.getMessage()).asRuntimeException();
  }

  private static StatusRuntimeException deadlineExceeded(MethodRoute route, String entityId) {
    return Status.DEADLINE_EXCEEDED
        .withDescription("no answer from entity '" + entityId + "' of " + route.serviceName() + " in time")
        .asRuntimeException();
  }
}
