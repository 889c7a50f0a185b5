package io.stateside.javasupport;

import akka.NotUsed;
import akka.stream.Materializer;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.stateside.protocol.Failure;
import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionProtocol;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.protocol.concurrent.PlainFutures;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code cloudstate.action.ActionProtocol}: finds the action's method each call names and
 * hands it the call. A streamed-in call names it in its first message, which has no payload.
 */
final class ActionEndpoint implements ActionProtocol {

  private static final Logger log = LoggerFactory.getLogger(ActionEndpoint.class);

  private final Map<String, Action> actions;
  private final Materializer materializer;

  ActionEndpoint(Map<String, Action> actions, Materializer materializer) {
    this.actions = actions;
    this.materializer = materializer;
  }

  @Override
  public CompletionStage<ActionResponse> handleUnary(ActionCommand command) {
    try {
      return method(command).unary(command.getPayload(), context(command));
    } catch (RejectedCommandException e) {
      return CompletableFuture.completedFuture(rejected(e));
    }
  }

  @Override
  public Source<ActionResponse, NotUsed> handleStreamedOut(ActionCommand command) {
    try {
      return method(command).streamedOut(command.getPayload(), context(command));
    } catch (RejectedCommandException e) {
      return Source.single(rejected(e));
    }
  }

  @Override
  public CompletionStage<ActionResponse> handleStreamedIn(Source<ActionCommand, NotUsed> in) {
    return PlainFutures.of(in.prefixAndTail(1).runWith(Sink.head(), materializer)).thenCompose(openingAndRest -> {
      if (openingAndRest.first().isEmpty()) {
        return CompletableFuture.completedFuture(
            rejected(new RejectedCommandException("A streamed-in call ended before its opening message")));
      }
      ActionCommand opening = openingAndRest.first().get(0);
      try {
        return method(opening).streamedIn(
            openingAndRest.second().map(ActionCommand::getPayload), context(opening), materializer);
      } catch (RejectedCommandException e) {
        return CompletableFuture.completedFuture(rejected(e));
      }
    });
  }

  @Override
  public Source<ActionResponse, NotUsed> handleStreamed(Source<ActionCommand, NotUsed> in) {
    return in.prefixAndTail(1).flatMapConcat(openingAndRest -> {
      if (openingAndRest.first().isEmpty()) {
        return Source.<ActionResponse>empty();
      }
      ActionCommand opening = openingAndRest.first().get(0);
      try {
        return method(opening).streamed(openingAndRest.second().map(ActionCommand::getPayload), context(opening));
      } catch (RejectedCommandException e) {
        return Source.single(rejected(e));
      }
    });
  }

  private ActionMethod<?, ?> method(ActionCommand command) {
    Action action = actions.get(command.getServiceName());
    if (action == null) {
      throw new RejectedCommandException("No action " + command.getServiceName() + " here");
    }
    return action.method(command.getName());
  }

  private static ActionContext context(ActionCommand command) {
    return new ActionContext(command.getServiceName(), command.getName(), Metadata.fromProtocol(command.getMetadata()));
  }

  private static ActionResponse rejected(RejectedCommandException e) {
    log.warn("Rejected action call: {}", e.getMessage());
    return ActionResponse.newBuilder().setFailure(Failure.newBuilder().setDescription(e.getMessage())).build();
  }
}
