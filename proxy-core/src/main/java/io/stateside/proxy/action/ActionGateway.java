package io.stateside.proxy.action;

import akka.NotUsed;
import akka.japi.pf.PFBuilder;
import akka.stream.Graph;
import akka.stream.SourceShape;
import akka.stream.javadsl.Source;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionProtocolClient;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.entity.CallShape;
import io.stateside.proxy.entity.EntityGateway;
import io.stateside.proxy.entity.EntityReplies;
import io.stateside.proxy.entity.StreamHeader;
import io.stateside.proxy.telemetry.ThrottledLog;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * The calls of one action service, each as one call of the matching {@code ActionProtocol} method
 * to the user function: the client's stream and the user function's stream are joined end to
 * end, so backpressure and cancellation pass through in both directions and the proxy buffers
 * no more than a stream stage's few elements.
 */
final class ActionGateway implements EntityGateway {

  private static final ThrottledLog log =
      new ThrottledLog(LoggerFactory.getLogger(ActionGateway.class), Duration.ofSeconds(10));

  private final ActionProtocolClient userFunction;
  private final String serviceName;
  private final Map<String, CallShape> shapes;

  ActionGateway(ActionProtocolClient userFunction, ServiceDescriptor service) {
    this.userFunction = userFunction;
    this.serviceName = service.getFullName();
    this.shapes = service.getMethods().stream()
        .collect(Collectors.toUnmodifiableMap(MethodDescriptor::getName, CallShape::of));
  }

  @Override
  public CompletionStage<EntityReply> send(EntityCommand command, Duration timeout) {
    return PlainFutures.of(userFunction.handleUnary(wholeCommand(command)))
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .thenApply(ActionResponses::toEntityReply)
        .exceptionally(error -> {
          Throwable cause = PlainFutures.causeOf(error);
          if (cause instanceof TimeoutException) {
            throw new CompletionException(cause);
          }
          return failed(command.getName(), cause);
        });
  }

  @Override
  public Source<EntityReply, NotUsed> stream(StreamHeader header, Source<EntityCommand, NotUsed> received, Duration timeout) {
    String method = header.methodName();
    // A client's stream that fails (an oversized or malformed message) fails the user function's
    // call too; the client must get its own stream's status, not the user function's.
    AtomicReference<Throwable> clientFailure = new AtomicReference<>();
    Source<EntityCommand, NotUsed> commands = received.mapError(new PFBuilder<Throwable, Throwable>()
        .matchAny(error -> {
          clientFailure.set(error);
          return error;
        })
        .build());
    Source<ActionResponse, NotUsed> responses = switch (shapes.get(method)) {
      // One message in, as in a unary call. Read to the client's half-close rather than cut short:
      // cancelling the request body would make akka-http reset the call.
      case SERVER_STREAMING -> commands.reduce((only, extra) -> only)
          .flatMapConcat(command -> userFunction.handleStreamedOut(wholeCommand(command)));
      case CLIENT_STREAMING -> Source.completionStage(userFunction.handleStreamedIn(streamedIn(header, commands)));
      case BIDIRECTIONAL -> userFunction.handleStreamed(streamedIn(header, commands));
      case UNARY -> throw new IllegalArgumentException(serviceName + "/" + method + " is unary, not streamed");
    };
    return responses
        .map(ActionResponses::toEntityReply)
        // The call's deadline covers the whole stream, as in gRPC; passing it cancels the user function's call.
        .completionTimeout(timeout)
        .recoverWithRetries(1, new PFBuilder<Throwable, Graph<SourceShape<EntityReply>, NotUsed>>()
            .match(Throwable.class, error -> !(error instanceof TimeoutException), error -> clientFailure.get() != null
                ? Source.<EntityReply>failed(clientFailure.get())
                : Source.single(failed(method, error)))
            .build());
  }

  /** A unary or streamed-out command: service, name, payload and metadata in one message. */
  private ActionCommand wholeCommand(EntityCommand command) {
    return ActionCommand.newBuilder()
        .setServiceName(serviceName)
        .setName(command.getName())
        .setPayload(command.getPayload())
        .setMetadata(command.getMetadata())
        .build();
  }

  /**
   * A streamed-in command: first the service, name and the call's metadata (gRPC has it once per
   * call), sent even if the client sends nothing, then one message per payload.
   */
  private Source<ActionCommand, NotUsed> streamedIn(StreamHeader header, Source<EntityCommand, NotUsed> commands) {
    ActionCommand opening = ActionCommand.newBuilder()
        .setServiceName(serviceName)
        .setName(header.methodName())
        .setMetadata(header.metadata())
        .build();
    return Source.single(opening)
        .concat(commands.map(command -> ActionCommand.newBuilder().setPayload(command.getPayload()).build()));
  }

  private EntityReply failed(String method, Throwable error) {
    log.warn("action-call-failed", "Call of action {}/{} in the user function failed: {}", serviceName, method, error.toString());
    return EntityReplies.unavailable("the action's call to the user function failed");
  }
}
