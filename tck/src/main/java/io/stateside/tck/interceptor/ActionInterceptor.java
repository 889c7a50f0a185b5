package io.stateside.tck.interceptor;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.MetadataEntry;
import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionProtocol;
import io.stateside.protocol.action.ActionProtocolClient;
import io.stateside.protocol.action.ActionResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Forwards each {@code cloudstate.action.ActionProtocol} call to the user function and records it
 * as a stream, whatever its shape. Actions have no entity id: a scenario names its call with the
 * {@value #CALL_ID_HEADER} request header, which the proxy passes on as metadata, and the
 * recording is keyed by the action's service and that name. A call that delivers an event has no
 * such header: it is keyed by the event's subject ({@value #SUBJECT_METADATA}), the id of the
 * entity whose event it is. Calls with neither (such as a forward) are keyed by an empty name.
 */
final class ActionInterceptor implements ActionProtocol {

  /** The request header that names a scenario's call. */
  static final String CALL_ID_HEADER = "tck-call-id";
  /** The metadata that names the subject of the event a subscriber's call delivers. */
  static final String SUBJECT_METADATA = "ce-subject";

  private final ActionProtocolClient userFunction;
  private final StreamRecorder<ActionCommand, ActionResponse> recorder;

  ActionInterceptor(ActionProtocolClient userFunction, Duration timeout) {
    this.userFunction = userFunction;
    // Metadata carries the client's and the transport's headers: scenarios compare the rest.
    this.recorder = new StreamRecorder<>(command -> command.toBuilder().clearMetadata().build(), timeout);
  }

  StreamRecorder<ActionCommand, ActionResponse> recorder() {
    return recorder;
  }

  @Override
  public CompletionStage<ActionResponse> handleUnary(ActionCommand command) {
    RecordedStream<ActionCommand, ActionResponse> stream = recorder.open();
    fromProxy(stream, command);
    stream.proxySideEnded(null);
    return userFunction.handleUnary(command).whenComplete((response, error) -> {
      if (response != null) {
        stream.recordFromUserFunction(response);
      }
      stream.userFunctionSideEnded(error);
    });
  }

  @Override
  public Source<ActionResponse, NotUsed> handleStreamedOut(ActionCommand command) {
    RecordedStream<ActionCommand, ActionResponse> stream = recorder.open();
    fromProxy(stream, command);
    stream.proxySideEnded(null);
    return fromUserFunction(stream, userFunction.handleStreamedOut(command));
  }

  @Override
  public CompletionStage<ActionResponse> handleStreamedIn(Source<ActionCommand, NotUsed> in) {
    RecordedStream<ActionCommand, ActionResponse> stream = recorder.open();
    return userFunction.handleStreamedIn(fromProxy(stream, in)).whenComplete((response, error) -> {
      if (response != null) {
        stream.recordFromUserFunction(response);
      }
      stream.userFunctionSideEnded(error);
    });
  }

  @Override
  public Source<ActionResponse, NotUsed> handleStreamed(Source<ActionCommand, NotUsed> in) {
    RecordedStream<ActionCommand, ActionResponse> stream = recorder.open();
    return fromUserFunction(stream, userFunction.handleStreamed(fromProxy(stream, in)));
  }

  private static Source<ActionCommand, NotUsed> fromProxy(
      RecordedStream<ActionCommand, ActionResponse> stream, Source<ActionCommand, NotUsed> in) {
    return in
        .map(command -> {
          fromProxy(stream, command);
          return command;
        })
        .watchTermination((notUsed, done) -> {
          done.whenComplete((ok, error) -> stream.proxySideEnded(error));
          return notUsed;
        });
  }

  private static void fromProxy(RecordedStream<ActionCommand, ActionResponse> stream, ActionCommand command) {
    if (!command.getServiceName().isEmpty()) {
      stream.identify(new StreamKey(command.getServiceName(), callId(command)));
    }
    stream.recordFromProxy(command);
  }

  private static Source<ActionResponse, NotUsed> fromUserFunction(
      RecordedStream<ActionCommand, ActionResponse> stream, Source<ActionResponse, NotUsed> out) {
    return out
        .map(response -> stream.recordFromUserFunction(response)
            .orElseThrow(() -> new IllegalStateException("the TCK broke this call on purpose")))
        .watchTermination((notUsed, done) -> {
          done.whenComplete((ok, error) -> stream.userFunctionSideEnded(error));
          return notUsed;
        });
  }

  private static String callId(ActionCommand command) {
    return metadata(command, CALL_ID_HEADER).or(() -> metadata(command, SUBJECT_METADATA)).orElse("");
  }

  private static Optional<String> metadata(ActionCommand command, String key) {
    return command.getMetadata().getEntriesList().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(key))
        .map(MetadataEntry::getStringValue)
        .findFirst();
  }
}
